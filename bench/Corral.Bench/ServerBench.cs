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
    public static Task RunAsync(ResultTable table) =>
        WithDaemonAsync("types:\n  sleeper:\n    command: [sleep, \"100000\"]\n    stop: { grace: 2s }\n", async (http, daemon) =>
        {
            await LaunchAsync(http, 0, 100, table);
            await Task.Delay(2000);
            table.AddValue("daemon RSS, 100 bots idle", "cgroup", 100, $"{daemon.ResidentBytes() / (1024.0 * 1024):0.0} MiB");
            // Steady state: the runtime retires the pool threads of the launch burst and tiers up its code first.
            await Task.Delay(TimeSpan.FromSeconds(20));
            var idle = await IdleCost.MeasureAsync(daemon.Pid, TimeSpan.FromSeconds(30));
            table.AddValue("daemon CPU, 100 bots idle (30 s)", "cgroup", 100, $"{idle.CpuPercent:0.000} %");
            table.AddValue("daemon wake-ups/s, 100 bots idle", "cgroup", 100, $"{idle.WakeupsPerSecond:0.0}");
            await ListAsync(http, 100, table);
            await LaunchAsync(http, 100, 900, table);
            await ListAsync(http, 1000, table);
            await StopAllAsync(http, 1000, "cgroup", table);
        });

    /// <summary>20 containers through the API, list latency, stop all; then one Swarm service of 10 replicas.</summary>
    public static async Task RunDockerAsync(ResultTable table)
    {
        await WithDaemonAsync("strategy: docker\ntypes:\n  sleeper:\n    image: corral-test:latest\n    command: [sleep, \"100000\"]\n    stop: { grace: 1s, signal: SIGKILL }\n",
            async (http, _) =>
            {
                await LaunchAsync(http, 0, 20, table, "docker");
                await ListAsync(http, 20, table, "docker");
                await StopAllAsync(http, 20, "docker", table);
            });
        await WithDaemonAsync("strategy: swarm\ntypes:\n  sleeper:\n    image: corral-test:latest\n    command: [sleep, \"100000\"]\n    replicas: 10\n    stop: { grace: 1s }\n",
            async (http, _) =>
            {
                var clock = Stopwatch.StartNew();
                using (var launched = await http.PostAsync("v1/launcher/launch", new StringContent("{\"bot_name\": \"svc\", \"bot_type\": \"sleeper\"}", Encoding.UTF8, "application/json")))
                {
                    launched.EnsureSuccessStatusCode();
                }

                while (CountRunning(await http.GetStringAsync("v1/bots/svc")) < 10)
                {
                    await Task.Delay(50);
                }

                table.Add("service of 10 replicas: launch to all running", "swarm", 1, [clock.Elapsed], clock.Elapsed);
                await ListAsync(http, 1, table, "swarm");
                await StopAllAsync(http, 1, "swarm", table);
            });
    }

    private static int CountRunning(string bot) => bot.Split("\"state\":\"running\"").Length - 1;

    private static async Task WithDaemonAsync(string yaml, Func<HttpClient, BenchDaemon, Task> run)
    {
        // Disposed with SIGTERM: the daemon stops whatever the run left, as it would for an operator.
        await using var daemon = await BenchDaemon.StartAsync(yaml);
        await run(daemon.Http, daemon);
    }

    private static async Task StopAllAsync(HttpClient http, int bots, string strategy, ResultTable table)
    {
        var clock = Stopwatch.StartNew();
        using var stop = await http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": true}", Encoding.UTF8, "application/json"));
        stop.EnsureSuccessStatusCode();
        table.Add("stop all via API", strategy, bots, [clock.Elapsed], clock.Elapsed);
    }

    private static async Task LaunchAsync(HttpClient http, int first, int count, ResultTable table, string strategy = "cgroup")
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
        table.Add("launch via API (32 in flight)", strategy, count, samples, total.Elapsed);
    }

    private static async Task ListAsync(HttpClient http, int bots, ResultTable table, string strategy = "cgroup")
    {
        var samples = new List<TimeSpan>();
        var total = Stopwatch.StartNew();
        var rounds = strategy == "cgroup" ? 50 : 10;
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var body = await http.GetStringAsync("v1/bots/");
            samples.Add(clock.Elapsed);
            if (!body.Contains($"\"total\":{bots}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"expected {bots} bots");
            }
        }

        table.Add($"GET /v1/bots/ with {bots} bots", strategy, rounds, samples, total.Elapsed);
    }
}
