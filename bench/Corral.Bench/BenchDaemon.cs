using System.Diagnostics;
using System.Globalization;
using System.Text;
using Corral.Processes;

namespace Corral.Bench;

/// <summary>A `corral serve` of its own on a free loopback port; disposing it stops it (SIGTERM) and removes its folder.</summary>
internal sealed class BenchDaemon : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private BenchDaemon(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The corral under measure: <c>CORRAL_BINARY</c> (the published NativeAOT binary), else the build's.</summary>
    public static string Binary { get; } = Environment.GetEnvironmentVariable("CORRAL_BINARY") is { Length: > 0 } published
        ? published
        : Path.Combine(AppContext.BaseDirectory, "corral");

    public HttpClient Http { get; }

    public int Port { get; }

    public int Pid => process.Id;

    public static async Task<BenchDaemon> StartAsync(string yaml)
    {
        var directory = Directory.CreateTempSubdirectory("corral-bench-").FullName;
        File.WriteAllText(Path.Combine(directory, "corral.yaml"), yaml);
        var port = new Corral.Ports.PortAllocator().Allocate();
        var process = Process.Start(new ProcessStartInfo(Binary, ["serve", "--config", Path.Combine(directory, "corral.yaml"), "--listen", $"127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var daemon = new BenchDaemon(process, directory, port);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await daemon.Http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return daemon;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException("the daemon did not start");
    }

    /// <summary>Launches COUNT bots of TYPE, 64 requests in flight, as the shared harness does.</summary>
    public async Task LaunchManyAsync(string type, int count)
    {
        using var throttle = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                using var response = await Http.PostAsync("v1/launcher/launch", new StringContent(
                    $"{{\"bot_name\": \"{type}-{i.ToString(CultureInfo.InvariantCulture)}\", \"bot_type\": \"{type}\"}}", Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
            }
            finally
            {
                throttle.Release();
            }
        }));
    }

    /// <summary>The live processes this daemon launched (zombies count as gone).</summary>
    public IReadOnlyList<ProcessInfo> Launched()
    {
        var owner = ProcessTable.Get(Pid)?.Id.ToString();
        return ProcessTable.Snapshot()
            .Where(p => !p.IsDead && ProcessTable.ReadCorralEnvironment(p.Pid).GetValueOrDefault(CorralEnvironment.Owner) == owner)
            .ToList();
    }

    public long ResidentBytes() =>
        long.Parse(File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    public async ValueTask DisposeAsync()
    {
        Corral.Signals.ProcessSignaller.Send(ProcessTable.Get(Pid)!.Id, Corral.Signals.Signal.Term);
        await process.WaitForExitAsync();
        process.Dispose();
        Http.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
