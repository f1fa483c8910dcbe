using System.Diagnostics;
using Corral.Containment;
using Corral.Processes;

namespace Corral.Bench;

/// <summary>Launch-to-running, stop-to-gone for trees of ten, and the stop of a SIGTERM-ignorer with a 2 s grace.</summary>
internal static class LifecycleBench
{
    private const string TreeOfTen = "sleep 100000 & sleep 100000 & sleep 100000 & sleep 100000 & sleep 100000 & "
        + "sleep 100000 & sleep 100000 & sleep 100000 & sleep 100000 & wait";

    private static readonly string Sleep = ExecutableResolver.Resolve("sleep", "/") ?? "/bin/sleep";

    public static async Task LaunchToRunningAsync(ContainmentProvider provider, int n, ResultTable table)
    {
        var launcher = new ProcessLauncher(provider);
        var samples = new TimeSpan[n];
        var processes = new List<ManagedProcess>();
        var total = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                var process = launcher.Start(new LaunchSpec("bench", ["sleep", "100000"]) { Replica = i });
                lock (processes)
                {
                    processes.Add(process);
                }

                // Running means the command itself runs: the containment shim has exec'd into it.
                while (ProcessTable.ReadCommandLine(process.Pid) is not { } command || !command.StartsWith(Sleep, StringComparison.Ordinal))
                {
                    await Task.Delay(1);
                }

                samples[i] = clock.Elapsed;
            })));
            table.Add("launch-to-running", Name(provider), n, samples, total.Elapsed);
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.StopAsync()));
        }
    }

    public static async Task StopTreesAsync(ContainmentProvider provider, int n, ResultTable table)
    {
        var launcher = new ProcessLauncher(provider);
        var processes = Enumerable.Range(0, n)
            .Select(i => launcher.Start(new LaunchSpec("tree", ["/bin/sh", "-c", TreeOfTen]) { Replica = i }))
            .ToList();
        foreach (var process in processes)
        {
            while (process.ChildProcessCount < 9)
            {
                await Task.Delay(5);
            }
        }

        var total = Stopwatch.StartNew();
        var reports = await Task.WhenAll(processes.Select(p => p.StopAsync()));
        table.Add("stop-to-gone (tree of 10)", Name(provider), n, reports.Select(r => r.Duration).ToList(), total.Elapsed);
    }

    public static async Task StopSigtermIgnorerAsync(ContainmentProvider provider, ResultTable table)
    {
        var launcher = new ProcessLauncher(provider);
        var samples = new List<TimeSpan>();
        for (var trial = 0; trial < 3; trial++)
        {
            var process = launcher.Start(new LaunchSpec("stubborn", ["/bin/sh", "-c", "trap '' TERM; sleep 100000 & wait"])
            {
                StopGrace = TimeSpan.FromSeconds(2),
            });
            while (process.ChildProcessCount < 1)
            {
                await Task.Delay(5);
            }

            samples.Add((await process.StopAsync()).Duration);
        }

        table.Add("stop SIGTERM-ignorer, 2 s grace", Name(provider), 3, samples, samples.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    public static string Name(ContainmentProvider provider) => provider.Kind.ToString().ToLowerInvariant();
}
