using System.Diagnostics;
using System.Globalization;
using System.Text;
using Corral.Processes;

namespace Corral.Bench;

/// <summary>
/// The rows of the speed-and-footprint table (issue 9), each beside its target, against the corral a user installs:
/// <c>CORRAL_BINARY</c> (the NativeAOT binary of <c>dotnet publish -r linux-x64</c>), else the build's. Medians of
/// <see cref="Repetitions"/> runs on a fresh daemon each.
/// </summary>
internal static class TargetsBench
{
    private const int Repetitions = 3;

    private const string Types = """
        types:
          idle:
            command: [sleep, "100000"]
          tree:
            command: [/bin/sh, -c, "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 100000 & done; wait"]
          stubborn:
            command: [/bin/sh, -c, "trap '' TERM; while :; do sleep 1; done"]
            stop: { grace: 2s }
        """;

    public static async Task RunAsync()
    {
        Console.WriteLine($"corral: {BenchDaemon.Binary}");
        var rows = new List<(string Row, string Value, string Target)>
        {
            ("S1 launch 100 idle bots until all running", Ms(await MedianAsync(d => LaunchAsync(d, "idle", 100))), "<= 150 ms"),
            ("S1 launch 500 idle bots until all running", Ms(await MedianAsync(d => LaunchAsync(d, "idle", 500))), "<= 600 ms"),
            ("S2 stop-all of 100 trees of 11 processes", Ms(await MedianAsync(d => StopAfterAsync(d, "tree", 100))), "<= 150 ms"),
            ("S3b GET /v1/bots/ with 500 bots (persistent)", Ms(await MedianAsync(d => ListAfterAsync(d, 500))), "<= 10 ms"),
            ("S3 corral ps with 500 bots (one CLI call)", Ms(await MedianAsync(d => PsAfterAsync(d, 500))), "<= 80 ms"),
            ("S5 stop-all of 100 SIGTERM-ignorers, grace 2s", Ms(await MedianAsync(d => StopAfterAsync(d, "stubborn", 100))), "<= 2050 ms"),
        };
        var (rss, cpu) = await IdleAsync(100);
        rows.Add(("S6 daemon RSS with 100 idle bots", $"{rss:0.0} MB", "<= 25 MB"));
        rows.Add(("S6b daemon CPU with 100 idle bots (30 s)", $"{cpu:0.000} %", "<= 0.05 %"));
        rows.Add(("1000 bots: stop-all", Ms(await MedianAsync(d => StopAfterAsync(d, "idle", 1000), 1)), "<= 1500 ms"));
        rows.Add(("1000 bots: GET /v1/bots/", Ms(await MedianAsync(d => ListAfterAsync(d, 1000), 1)), "<= 20 ms"));
        rows.Add(("corral --help start-up", Ms(Help()), "<= 15 ms"));
        var growth = await SoakBench.RunAsync(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(1), print: false);
        rows.Add(("RSS growth, 3 min of 10 lists/s (soak: 60 min)", $"{growth:+0.0;-0.0} MB", "flat"));

        var width = rows.Max(r => r.Row.Length);
        Console.WriteLine($"{"row".PadRight(width)}  {"corral",12}  target");
        foreach (var (row, value, target) in rows)
        {
            Console.WriteLine($"{row.PadRight(width)}  {value,12}  {target}");
        }
    }

    private static async Task<double> MedianAsync(Func<BenchDaemon, Task<double>> run, int repetitions = Repetitions)
    {
        var samples = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            await using var daemon = await BenchDaemon.StartAsync(Types);
            samples.Add(await run(daemon));
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static async Task<double> LaunchAsync(BenchDaemon daemon, string type, int count)
    {
        var clock = Stopwatch.StartNew();
        await daemon.LaunchManyAsync(type, count);
        return clock.Elapsed.TotalMilliseconds;
    }

    // From the stop command until no process of any bot is left (the answer comes only after every unit is proven empty).
    private static async Task<double> StopAfterAsync(BenchDaemon daemon, string type, int count)
    {
        await daemon.LaunchManyAsync(type, count);
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        using var stop = await daemon.Http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": true}", Encoding.UTF8, "application/json"));
        stop.EnsureSuccessStatusCode();
        while (daemon.Launched().Count > 0)
        {
            await Task.Delay(5);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> ListAfterAsync(BenchDaemon daemon, int count)
    {
        await daemon.LaunchManyAsync("idle", count);
        var samples = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await daemon.Http.GetStringAsync("v1/bots/");
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static async Task<double> PsAfterAsync(BenchDaemon daemon, int count)
    {
        await daemon.LaunchManyAsync("idle", count);
        var samples = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            Run(BenchDaemon.Binary, "ps", "--json", "--url", $"http://127.0.0.1:{daemon.Port}");
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static async Task<(double RssMb, double CpuPercent)> IdleAsync(int count)
    {
        await using var daemon = await BenchDaemon.StartAsync(Types);
        await daemon.LaunchManyAsync("idle", count);

        // Steady state first: the launch burst's pool threads retire, the collector settles.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var rss = daemon.ResidentBytes() / (1024.0 * 1024);
        var idle = await IdleCost.MeasureAsync(daemon.Pid, TimeSpan.FromSeconds(30));
        return (rss, idle.CpuPercent);
    }

    private static double Help()
    {
        var samples = Enumerable.Range(0, 20).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            Run(BenchDaemon.Binary, "--help");
            return clock.Elapsed.TotalMilliseconds;
        }).Order().ToList();
        return samples[samples.Count / 2];
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }

    private static string Ms(double ms) => ms >= 100 ? $"{ms:0} ms" : $"{ms:0.0} ms";
}
