using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Corral.Bench;

/// <summary>
/// The manager daemon as operators use it: a real `corral serve` process, 100 launches through the API,
/// GET /v1/bots/ latency with 100 and 1000 bots, stop all, and the daemon's resident memory with 100 bots idle.
/// </summary>
internal static class ServerBench
{
    public static async Task RunAsync(ResultTable table)
    {
        var directory = Directory.CreateTempSubdirectory("corral-bench-").FullName;
        File.WriteAllText(Path.Combine(directory, "corral.yaml"), "types:\n  sleeper:\n    command: [sleep, \"100000\"]\n    stop: { grace: 2s }\n");
        var port = Corral.Ports.PortAllocator.Allocate();
        using var daemon = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "corral"),
            ["serve", "--config", Path.Combine(directory, "corral.yaml"), "--listen", $"127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };
        try
        {
            await WaitHealthyAsync(http);
            await LaunchAsync(http, 0, 100, table);
            await Task.Delay(2000);
            table.AddValue("daemon RSS, 100 bots idle", "cgroup", 100, $"{Rss(daemon.Id) / (1024.0 * 1024):0.0} MiB");
            await ListAsync(http, 100, table);
            await LaunchAsync(http, 100, 900, table);
            await ListAsync(http, 1000, table);
            var clock = Stopwatch.StartNew();
            using var stop = await http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": true}", Encoding.UTF8, "application/json"));
            stop.EnsureSuccessStatusCode();
            table.Add("stop all via API", "cgroup", 1000, [clock.Elapsed], clock.Elapsed);
        }
        finally
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task LaunchAsync(HttpClient http, int first, int count, ResultTable table)
    {
        var samples = new TimeSpan[count];
        var total = Stopwatch.StartNew();
        using var throttle = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(first, count).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.PostAsync("v1/launcher/launch", new StringContent(
                    $"{{\"bot_name\": \"bench-{i.ToString(CultureInfo.InvariantCulture)}\", \"bot_type\": \"sleeper\"}}", Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                samples[i - first] = clock.Elapsed;
            }
            finally
            {
                throttle.Release();
            }
        }));
        table.Add("launch via API (32 in flight)", "cgroup", count, samples, total.Elapsed);
    }

    private static async Task ListAsync(HttpClient http, int bots, ResultTable table)
    {
        var samples = new List<TimeSpan>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            var clock = Stopwatch.StartNew();
            var body = await http.GetStringAsync("v1/bots/");
            samples.Add(clock.Elapsed);
            if (!body.Contains($"\"total\":{bots}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"expected {bots} bots");
            }
        }

        table.Add($"GET /v1/bots/ with {bots} bots", "cgroup", 50, samples, total.Elapsed);
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("the daemon did not start");
    }

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
