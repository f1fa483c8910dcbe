using Corral.Processes;
using Corral.Sweep;
using Corral.Tests.Support;

namespace Corral.Tests.Sweep;

/// <summary>A sweep kills the processes its scan saw, by pid and start time, never a later process with a recycled pid.</summary>
public sealed class SweepIdentitySpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_selected_pid_whose_start_time_changed_since_the_scan_is_not_killed()
    {
        using var launcher = new ProcessLauncher(Corral.Containment.ContainmentProvider.Detect());
        var bystander = launcher.Start(Dummy.Spec("bystander", "sleep"));
        try
        {
            // What a scan would have recorded for an earlier process that had the same pid.
            var stale = new SweptProcess(bystander.Pid, "an earlier process", null) { StartTime = bystander.Id.StartTime - 1 };

            var result = await Sweeper.KillAsync([stale], []);

            Assert.Empty(result.Processes);
            Assert.True(ProcessTable.IsAlive(bystander.Id));
        }
        finally
        {
            await bystander.StopAsync();
        }
    }
}
