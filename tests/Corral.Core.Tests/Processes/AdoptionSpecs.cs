using Corral.Containment;
using Corral.Processes;
using Corral.Tests.Support;
using Corral.Server.Tests.Support;

namespace Corral.Tests.Processes;

/// <summary>A process with detached output survives its launcher's handle and can be adopted and stopped by another.</summary>
public sealed class AdoptionSpecs
{
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task A_detached_process_is_adopted_from_its_recorded_unit_and_stopped_whole(ContainmentPreference kind)
    {
        using var folder = new TempFolder("corral-adopt-");
        var log = folder.File("bot.log");
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect(kind));
        var original = launcher.Start(Dummy.Spec("bot", "spawn-tree", "3") with { LogFile = log, DetachedOutput = true });
        ManagedProcess? adopted = null;
        try
        {
            await Wait.ForLineAsync(original, "tree of 3 spawned");
            adopted = launcher.Adopt(original.Spec, original.Id, original.Unit.Id, original.Unit.Location, original.StartedAt);

            Assert.Equal(3, adopted.ChildProcessCount);
            var report = await adopted.StopAsync();

            Assert.True(report.ProvenEmpty);
            Assert.Equal(4, report.Signalled.Count);
            Assert.Null(report.ExitCode);
            Assert.Contains("tree of 3 spawned", File.ReadAllText(log), StringComparison.Ordinal);
            Assert.Equal(128 + 15, await original.Exited.WaitAsync(Wait.Long));
        }
        finally
        {
            if (adopted is not null)
            {
                await adopted.StopAsync();
            }

            await original.StopAsync();
        }

        Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, original.Unit.Id));
    }
}
