using Corral.Containment;
using Corral.Processes;
using Corral.Tests.Support;

namespace Corral.Tests.Processes;

/// <summary>An exit is reported only after the output is read to its end: the crash line is never lost.</summary>
public sealed class DrainSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task The_last_line_of_a_process_that_exits_at_once_is_in_its_output_when_the_exit_is_reported()
    {
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect());
        // Much output just before the end: the pipes are still being read when the process is already gone.
        var processes = Enumerable.Range(0, 10)
            .Select(i => launcher.Start(new LaunchSpec($"crash{i}", ["/bin/sh", "-c", $"seq 1 30000; echo crash line {i}; exit 3"])))
            .ToList();
        try
        {
            foreach (var (process, i) in processes.Select((p, i) => (p, i)))
            {
                Assert.Equal(3, await process.Exited.WaitAsync(Wait.Long));
                Assert.Equal($"crash line {i}", process.Output.Tail(1).Single().Text);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.StopAsync();
            }
        }
    }
}
