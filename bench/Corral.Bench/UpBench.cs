using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Corral.Bench;

/// <summary>
/// `corral up` teardown as test engineers meet it: a real corral with 100 processes that ignore SIGTERM (grace 2 s),
/// and with 100 trees of 10 processes, stopped by SIGINT; timed until corral has exited (it exits only once every
/// unit is proven empty). At scale: one fleet file of 2000 processes, started until ready and torn down.
/// </summary>
internal static class UpBench
{
    public static async Task RunAsync(ResultTable table)
    {
        await TeardownAsync("up teardown, 100 TERM-ignorers, grace 2s", 100, "[sh, -c, \"trap '' TERM; exec sleep 100000\"]", "stop: { grace: 2s }", table);
        await TeardownAsync("up teardown, 100 trees of 10", 100, "[sh, -c, \"for i in 1 2 3 4 5 6 7 8 9; do sleep 100000 & done; wait\"]", "", table);
        await TeardownAsync("up teardown, 2000 idle processes", 2000, "[sleep, \"100000\"]", "", table, "up until ready, 2000 idle processes");
    }

    private static async Task TeardownAsync(string benchmark, int count, string command, string stop, ResultTable table, string? startBenchmark = null)
    {
        var directory = Directory.CreateTempSubdirectory("corral-bench-up-").FullName;
        var fleet = new StringBuilder("processes:\n");
        for (var i = 0; i < count; i++)
        {
            fleet.Append(CultureInfo.InvariantCulture, $"  p{i}:\n    command: {command}\n");
            if (stop.Length > 0)
            {
                fleet.Append(CultureInfo.InvariantCulture, $"    {stop}\n");
            }
        }

        var path = Path.Combine(directory, "fleet.yaml");
        File.WriteAllText(path, fleet.ToString());
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var corral = new Process
        {
            StartInfo = new ProcessStartInfo(BenchDaemon.Binary, ["up", path, "--quiet"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = directory,
            },
        };
        corral.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("process(es) ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        var starting = Stopwatch.StartNew();
        corral.Start();
        corral.BeginErrorReadLine();
        corral.BeginOutputReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
            if (startBenchmark is not null)
            {
                table.Add(startBenchmark, "cgroup", count, [starting.Elapsed], starting.Elapsed);
            }

            await Task.Delay(500);
            var owner = Corral.Processes.ProcessTable.Get(corral.Id)!.Id;
            var clock = Stopwatch.StartNew();
            Corral.Signals.ProcessSignaller.Send(owner, Corral.Signals.Signal.Int);
            await corral.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            table.Add(benchmark, "cgroup", count, [clock.Elapsed], clock.Elapsed);
        }
        finally
        {
            if (!corral.HasExited)
            {
                corral.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
