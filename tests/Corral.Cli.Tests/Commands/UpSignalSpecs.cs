using Corral.Cli.Tests.Support;
using Corral.Signals;

namespace Corral.Cli.Tests.Commands;

/// <summary>Signals reach `corral up` however it was started and whatever it is doing.</summary>
public sealed class UpSignalSpecs
{
    private const string Tree = """
        processes:
          tree:
            command: [DUMMY, spawn-tree, "3"]
            readiness: { log: "tree of" }
        """;

    [Fact(Timeout = 120_000)]
    public async Task Sigint_tears_down_an_up_started_as_a_background_job_with_sigint_ignored()
    {
        using var fleet = new TempFleet(Tree);
        await using var corral = CorralRun.StartAsBackgroundJob(fleet.Directory, "up", fleet.Path, "--", "sleep", "600");
        await corral.WaitForStderrAsync("all 1 process(es) ready");

        corral.Signal(Signal.Int);

        Assert.Equal(130, await corral.WaitForExitAsync());
        Assert.Empty(corral.Launched());
        Assert.Contains("nothing left running", corral.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Sigquit_also_tears_down()
    {
        using var fleet = new TempFleet(Tree);
        await using var corral = CorralRun.StartAsBackgroundJob(fleet.Directory, "up", fleet.Path);
        await corral.WaitForStderrAsync("all 1 process(es) ready");

        corral.Signal(Signal.Quit);

        Assert.Equal(131, await corral.WaitForExitAsync());
        Assert.Empty(corral.Launched());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_second_sigint_during_a_readiness_wait_skips_the_graces()
    {
        using var fleet = new TempFleet("""
            processes:
              stubborn:
                command: [DUMMY, ignore-sigterm]
                readiness: { log: "ignoring SIGTERM" }
                stop: { grace: 10m }
              never:
                command: [DUMMY, sleep]
                readiness: { tcp: "127.0.0.1:1", timeout: 10m }
                depends_on: [stubborn]
            """);
        await using var corral = CorralRun.Start(fleet.Directory, "up", fleet.Path);
        await corral.WaitForStderrAsync("never: launched");

        corral.Signal(Signal.Int);
        await corral.WaitForStderrAsync("stubborn: stopping");
        corral.Signal(Signal.Int);

        // Far below the ten-minute grace: the test's own limit would fail it otherwise.
        Assert.Equal(130, await corral.WaitForExitAsync());
        Assert.Contains("killing everything now", corral.Stderr, StringComparison.Ordinal);
        Assert.Empty(corral.Launched());
    }
}
