using System.Diagnostics;
using System.Text;
using Corral.Processes;
using Corral.Signals;
using Corral.Sweep;

namespace Corral.Cli.Tests.Support;

/// <summary>A real `corral` process started by a test. Disposing it kills it and whatever it launched, by its owner id.</summary>
internal sealed class CorralRun : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();

    private CorralRun(Process process)
    {
        this.process = process;
        Owner = ProcessTable.Get(process.Id)?.Id ?? new ProcessId(process.Id, 0);
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public ProcessId Owner { get; }

    public string Stdout
    {
        get
        {
            lock (gate)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>The corral under test: the build's, or the published one named by <c>CORRAL_BINARY</c> (CI runs the NativeAOT binary too).</summary>
    public static string Binary { get; } = Environment.GetEnvironmentVariable("CORRAL_BINARY") is { Length: > 0 } published
        ? published
        : Path.Combine(AppContext.BaseDirectory, "corral");

    public static string Dummy { get; } = Path.Combine(AppContext.BaseDirectory, "Corral.TestDummy");

    public static CorralRun Start(string workingDirectory, params string[] args) => Start(workingDirectory, [], args);

    /// <summary>
    /// Starts corral the way a script's background job starts (<c>cmd &amp;</c>): with SIGINT and SIGQUIT ignored.
    /// The shell execs corral, so the pid and start time are corral's.
    /// </summary>
    public static CorralRun StartAsBackgroundJob(string workingDirectory, params string[] args) =>
        Start(workingDirectory, ["/bin/sh", "-c", "trap '' INT QUIT; exec \"$0\" \"$@\""], args);

    private static CorralRun Start(string workingDirectory, string[] wrapper, string[] args)
    {
        var info = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : Binary)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.Environment["NO_COLOR"] = "1";
        foreach (var arg in wrapper.Length > 0 ? [.. wrapper.Skip(1), Binary] : Array.Empty<string>())
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new CorralRun(Process.Start(info)!);
    }

    /// <summary>Runs corral to the end and returns its exit code.</summary>
    public static async Task<(int Code, CorralRun Run)> RunAsync(string workingDirectory, params string[] args)
    {
        var run = Start(workingDirectory, args);
        return (await run.WaitForExitAsync(), run);
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async Task WaitForStderrAsync(string text)
    {
        var until = DateTime.UtcNow + Limit;
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new TimeoutException($"corral never printed '{text}' (exited: {process.HasExited}).\nstderr:\n{Stderr}\nstdout:\n{Stdout}");
            }

            await Task.Delay(20);
        }
    }

    public void Signal(Signal signal) => ProcessSignaller.Send(Owner, signal);

    /// <summary>Every live process this corral launched (by its CORRAL_OWNER tag).</summary>
    public IReadOnlyList<ProcessInfo> Launched() =>
        ProcessTable.Snapshot()
            .Where(p => !p.IsDead
                && ProcessTable.ReadCorralEnvironment(p.Pid).TryGetValue(CorralEnvironment.Owner, out var owner)
                && owner == Owner.ToString())
            .ToList();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Signal(Corral.Signals.Signal.Kill);
            await process.WaitForExitAsync();
        }

        await Sweeper.KillOwnerAsync(Owner.ToString());
        process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            target.AppendLine(line);
        }
    }
}
