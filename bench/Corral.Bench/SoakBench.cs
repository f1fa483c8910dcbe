using System.Diagnostics;

namespace Corral.Bench;

/// <summary>
/// Memory under a steady stream of requests: 100 idle bots and 10 <c>GET /v1/bots/</c> a second for the given time,
/// the daemon's resident memory sampled every interval. A daemon that leaks per request grows row after row; one that
/// does not stays flat once its pools have warmed (the first sample is taken after one interval of load).
/// </summary>
internal static class SoakBench
{
    private const string Types = """
        types:
          idle:
            command: [sleep, "100000"]
        """;

    /// <summary>Runs the soak and returns the growth of resident memory from the first sample to the last, in MB.</summary>
    public static async Task<double> RunAsync(TimeSpan duration, TimeSpan interval, bool print)
    {
        await using var daemon = await BenchDaemon.StartAsync(Types);
        await daemon.LaunchManyAsync("idle", 100);
        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        var nextSample = interval;
        var requests = 0L;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (clock.Elapsed < duration && await pace.WaitForNextTickAsync())
        {
            await daemon.Http.GetStringAsync("v1/bots/");
            requests++;
            if (clock.Elapsed >= nextSample)
            {
                nextSample += interval;
                var rss = daemon.ResidentBytes() / (1024.0 * 1024);
                samples.Add(rss);
                if (print)
                {
                    Console.WriteLine($"{clock.Elapsed:hh\\:mm\\:ss}  {requests,8} requests  RSS {rss,6:0.0} MB");
                }
            }
        }

        return samples.Count < 2 ? 0 : samples[^1] - samples[0];
    }
}
