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
            .Select(i => launcher.Start(new LaunchSpec($"crash{i}", ["/bin/sh", "-c", $"seq 1 30000; seq 1 3000 >&2; echo crash line {i} >&2; exit 3"])))
            .ToList();
        try
        {
            foreach (var (process, i) in processes.Select((p, i) => (p, i)))
            {
                Assert.Equal(3, await process.Exited.WaitAsync(Wait.Long));
                Assert.Contains(process.Output.Tail(10), l => l.Text == $"crash line {i}" && l.IsError);
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
