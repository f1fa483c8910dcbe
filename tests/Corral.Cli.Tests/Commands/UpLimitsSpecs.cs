using Corral.Cli.Tests.Support;

namespace Corral.Cli.Tests.Commands;

/// <summary>A fleet whose limits this machine cannot enforce does not start at all: no half-started fleet.</summary>
public sealed class UpLimitsSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task Limits_that_cannot_be_enforced_refuse_the_whole_fleet_before_anything_starts()
    {
        using var fleet = new TempFleet("""
            processes:
              free:
                command: [DUMMY, sleep]
              capped:
                command: [DUMMY, sleep]
                limits: { memory: 64MB }
                depends_on: [free]
            """);

        var (code, run) = await CorralRun.RunAsync(fleet.Directory, "up", fleet.Path, "--containment", "session", "--", "true");

        Assert.Equal(8, code);
        Assert.Contains("capped: session containment cannot hold resource limits", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("launched", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Launched());
    }
}
