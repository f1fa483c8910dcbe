using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Corral.Processes;
using Corral.Server.Api;
using Corral.Signals;
using Corral.Sweep;
using Corral.Contracts;

namespace Corral.Server.Tests.Support;

/// <summary>
/// A real `corral serve` on a free loopback port with its own folder (corral.yaml, state.db, logs). Disposing it
/// kills the daemon and every bot any daemon of this fixture launched, by owner tag and cgroup.
/// </summary>
internal sealed class Daemon : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    // Longer than a readiness probe's default 60 s: a launch with ?wait=ready that fails says why (its 503), not "timed out".
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(90);
    private readonly List<ProcessId> owners = [];
    private readonly string[] extraArgs;
    private bool flagsAsEnvironment;
    private bool hangUpIgnored;
    private Process? process;
    private StringBuilder output = new();

    private Daemon(string directory, int port, string[] extraArgs)
    {
        Directory = directory;
        Port = port;
        this.extraArgs = extraArgs;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = RequestLimit };
    }

    public string Directory { get; }

    public int Port { get; }

    public HttpClient Http { get; }

    /// <summary>Extra environment for the daemon processes started from now on (fault points).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public ProcessId Owner => owners[^1];

    /// <summary>Every daemon process this fixture started, oldest first.</summary>
    public IReadOnlyList<ProcessId> Owners => owners;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string Dummy { get; } = Path.Combine(AppContext.BaseDirectory, "Corral.TestDummy");

    /// <summary>The corral under test: the build's, or the published one named by <c>CORRAL_BINARY</c> (CI runs the NativeAOT binary too).</summary>
    public static string Binary { get; } = System.Environment.GetEnvironmentVariable("CORRAL_BINARY") is { Length: > 0 } published
        ? published
        : Path.Combine(AppContext.BaseDirectory, "corral");

    public static JsonSerializerOptions Json { get; } = new(ApiJsonContext.Default.Options);

    /// <summary>Starts a daemon whose corral.yaml is <paramref name="yaml"/> (DUMMY stands for the dummy program).</summary>
    public static Task<Daemon> StartAsync(string yaml, params string[] extraArgs) => StartAsync(yaml, new Dictionary<string, string>(), extraArgs);

    /// <summary>Starts a daemon with <paramref name="environment"/> added to its own (kept for later starts until cleared).</summary>
    public static async Task<Daemon> StartAsync(string yaml, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var daemon = new Daemon(FolderWith(yaml), TestPorts.Allocate(), extraArgs);
        foreach (var (key, value) in environment)
        {
            daemon.Environment[key] = value;
        }

        await daemon.StartAgainAsync();
        return daemon;
    }

    /// <summary>Starts a daemon told where its config is and where to listen by CORRAL_CONFIG and CORRAL_LISTEN, not flags.</summary>
    public static async Task<Daemon> StartConfiguredByEnvironmentAsync(string yaml, IReadOnlyDictionary<string, string> environment)
    {
        var daemon = new Daemon(FolderWith(yaml), TestPorts.Allocate(), []) { flagsAsEnvironment = true };
        foreach (var (key, value) in environment)
        {
            daemon.Environment[key] = value;
        }

        await daemon.StartAgainAsync();
        return daemon;
    }

    /// <summary>Starts a daemon as <c>nohup corral serve</c> does: with SIGHUP ignored from the start.</summary>
    public static async Task<Daemon> StartIgnoringHangUpAsync(string yaml)
    {
        var daemon = new Daemon(FolderWith(yaml), TestPorts.Allocate(), []) { hangUpIgnored = true };
        await daemon.StartAgainAsync();
        return daemon;
    }

    // A daemon's own folder, holding its corral.yaml (DUMMY stands for the dummy program).
    private static string FolderWith(string yaml)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("corral-daemon-").FullName;
        File.WriteAllText(Path.Combine(directory, "corral.yaml"), yaml.Replace("DUMMY", Dummy, StringComparison.Ordinal));
        return directory;
    }

    /// <summary>Starts a (new) daemon process on the same folder and port, as an operator restarting it would.</summary>
    public async Task StartAgainAsync()
    {
        // nohup(1) ignores SIGHUP and execs corral: the pid stays the daemon's.
        string[] command = hangUpIgnored ? ["/usr/bin/nohup", Binary, "serve"] : [Binary, "serve"];
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var places = flagsAsEnvironment
            ? []
            : new[] { "--config", Path.Combine(Directory, "corral.yaml"), "--listen", $"127.0.0.1:{Port}" };
        foreach (var arg in command.Skip(1).Concat(places).Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        if (flagsAsEnvironment)
        {
            info.Environment["CORRAL_CONFIG"] = Path.Combine(Directory, "corral.yaml");
            info.Environment["CORRAL_LISTEN"] = $"127.0.0.1:{Port}";
        }

        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }

        output = new StringBuilder();
        process = Process.Start(info)!;
        var captured = output;
        process.OutputDataReceived += (_, e) => Append(captured, e.Data);
        process.ErrorDataReceived += (_, e) => Append(captured, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        owners.Add(ProcessTable.Get(process.Id)?.Id ?? new ProcessId(process.Id, 0));
        var until = DateTime.UtcNow + Limit;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"corral serve did not come up (exited: {process.HasExited}):\n{Output}");
            }

            await Task.Delay(20);
        }
    }

    public void Signal(Signal signal) => ProcessSignaller.Send(Owner, signal);

    /// <summary>The daemon's resident memory now (VmRSS).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Owner.Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await process!.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async Task<HttpResponseMessage> LaunchAsync(string name, string type, object? config = null, bool waitReady = false)
    {
        var body = JsonSerializer.Serialize(new { bot_name = name, bot_type = type, config = config ?? new { } });
        return await Http.PostAsync(waitReady ? "v1/launcher/launch?wait=ready" : "v1/launcher/launch", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    public async Task<BotListDto> ListAsync() => (await Http.GetFromJsonAsync<BotListDto>("v1/bots/", Json))!;

    public async Task<BotDto> GetAsync(string name) => (await Http.GetFromJsonAsync<BotDto>($"v1/bots/{name}", Json))!;

    /// <summary>Every live process launched by any daemon of this fixture.</summary>
    public IReadOnlyList<ProcessInfo> Launched()
    {
        var ids = owners.Select(o => o.ToString()).ToHashSet();
        return ProcessTable.Snapshot()
            .Where(p => !p.IsDead && ProcessTable.ReadCorralEnvironment(p.Pid).TryGetValue(CorralEnvironment.Owner, out var owner) && ids.Contains(owner))
            .ToList();
    }

    public async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting until {what}. Daemon output:\n{Output}");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            Signal(Corral.Signals.Signal.Kill);
            await process.WaitForExitAsync();
        }

        foreach (var owner in owners)
        {
            await Sweeper.KillOwnerAsync(owner.ToString());
        }

        Http.Dispose();
        process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still open: the temp folder is the OS's to clean.
        }
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
