using Corral.Containment;
using Corral.Processes;
using Corral.Tests.Support;

namespace Corral.Tests.Containment;

/// <summary>A stop that follows the launch at once still gives the process its signal and its grace.</summary>
public sealed class ImmediateStopSpecs
{
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task A_process_stopped_right_after_its_launch_is_signalled_not_killed(ContainmentPreference kind)
    {
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect(kind));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var process = launcher.Start(Dummy.Spec("quick", "sleep"));
            var report = await process.StopAsync();

            Assert.True(report.ProvenEmpty);
            Assert.Contains(report.Signalled, m => m.Pid == process.Pid);
            Assert.Empty(report.Killed);
        }
    }
}
