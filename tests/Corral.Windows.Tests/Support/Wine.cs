using System.Diagnostics;
using Corral.Processes;
using Corral.Signals;

namespace Corral.Windows.Tests.Support;

/// <summary>
/// Runs the win-x64 corral.exe named by <c>CORRAL_WINDOWS_BINARY</c> under Wine. Wine's processes are Linux processes
/// with their Windows command lines in /proc, so what a run left behind is checked (and killed, by pid) from here.
/// </summary>
internal static class Wine
{
    public const string BinaryVariable = "CORRAL_WINDOWS_BINARY";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static string? Loader { get; } = new[] { "/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/lib/wine/wine" }.FirstOrDefault(File.Exists);

    public static string? Corral { get; } = Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } path && File.Exists(path) ? path : null;

    /// <summary>What <c>wine64 --version</c> says ("wine-8.0 (Debian 8.0~repack-4)"), or "" without Wine.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Wine 7 or 8 (Debian 12's): what the specs know to be missing there is skipped by this.</summary>
    public static bool IsWine7Or8 => Version.StartsWith("wine-8.", StringComparison.Ordinal) || Version.StartsWith("wine-7.", StringComparison.Ordinal);

    /// <summary>Why these tests cannot run here, or null.</summary>
    public static string? SkipReason =>
        Loader is null ? "Wine is not installed (apt-get install wine64; bash .ci/run does)"
        : Corral is null ? $"{BinaryVariable} does not name a win-x64 corral.exe (dotnet publish src/Corral.Cli -r win-x64 --self-contained; bash .ci/run does)"
        : null;

    /// <summary>Starts <c>corral.exe ARGS</c> in <paramref name="directory"/>; output is collected in <paramref name="output"/>.</summary>
    public static Process Start(string directory, System.Text.StringBuilder output, params string[] args) =>
        StartProgram(directory, output, [Corral!, .. args]);

    /// <summary>Starts any Windows program under Wine (<c>cmd</c>, a path to an .exe): the first of <paramref name="argv"/>.</summary>
    public static Process StartProgram(string directory, System.Text.StringBuilder output, params string[] argv) =>
        StartProgram(directory, output, new Dictionary<string, string>(), argv);

    /// <summary>As above, with variables added to its environment (Wine hands the Unix environment on to the program).</summary>
    public static Process StartProgram(string directory, System.Text.StringBuilder output, IReadOnlyDictionary<string, string> environment, params string[] argv)
    {
        var info = new ProcessStartInfo(Loader!)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["WINEDEBUG"] = "-all";
        info.Environment["WINEPREFIX"] = Environment.GetEnvironmentVariable("WINEPREFIX") ?? $"/tmp/corral-wine-{Environment.UserName}";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<int> ExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync().WaitAsync(Limit);
        return process.ExitCode;
    }

    /// <summary>A number no other run uses, to put in the clients' command lines and find them by.</summary>
    public static string Marker() => Random.Shared.Next(20_000, 60_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The live processes whose command line holds <paramref name="marker"/> (zombies count as gone).</summary>
    public static IReadOnlyList<ProcessInfo> Carrying(string marker) =>
        ProcessTable.Snapshot()
            .Where(p => !p.IsDead && (ProcessTable.ReadCommandLine(p.Pid) ?? "").Contains(marker, StringComparison.Ordinal))
            .ToList();

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {Limit.TotalSeconds} s for {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Its program is ping, however it was named ("ping" by cmd, the full path by start).</summary>
    public static bool IsPing(int pid)
    {
        var program = (ProcessTable.ReadCommandLine(pid) ?? "").Split(' ', 2)[0].Trim('"').Replace('\\', '/');
        return Path.GetFileNameWithoutExtension(program).Equals("ping", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True once a corral daemon answers <c>GET /healthz</c> at the client's address.</summary>
    public static bool AnswersHealth(HttpClient http)
    {
        try
        {
            using var response = http.GetAsync("healthz").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Kills, by pid, the corral process and everything carrying the marker: a failed test leaves nothing.</summary>
    public static void KillAll(Process? corral, string marker)
    {
        if (corral is { HasExited: false })
        {
            corral.Kill();
        }

        foreach (var process in Carrying(marker))
        {
            ProcessSignaller.Send(process.Id, Signal.Kill);
        }
    }

    private static string ReadVersion()
    {
        if (Loader is null)
        {
            return "";
        }

        using var process = Process.Start(new ProcessStartInfo(Loader, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit(10_000);
        return version;
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
