using System.Net;
using Corral.Server.Hosting;
using Corral.Server.Tests.Support;
using Corral.Signals;
using Corral.Sweep;

namespace Corral.Server.Tests;

/// <summary>
/// Every transition is written before it is acted on: a daemon SIGKILLed at the worst instant leaves nothing the
/// next daemon does not find, settle and clean up.
/// </summary>
public sealed class CrashSafetySpecs
{
    private const string Types = """
        types:
          tree:
            command: [DUMMY, spawn-tree, "5"]
            readiness: { log: "tree of 5 spawned" }
            restart: { policy: always, backoff: 100ms }
          warming:
            command: [/bin/sh, -c, "sleep 2; echo warmed up; exec sleep 100000"]
            readiness: { log: "warmed up", timeout: 60s }
          warming-on-stderr:
            command: [/bin/sh, -c, "sleep 2; echo warmed up >&2; exec sleep 100000"]
            readiness: { log: "warmed up", timeout: 60s }
        """;

    [Fact(Timeout = 180_000)]
    public async Task A_daemon_killed_between_the_exec_and_its_record_leaves_nothing_untracked()
    {
        await using var daemon = await Daemon.StartAsync(Types, new Dictionary<string, string> { [FaultPoints.Variable] = FaultPoints.AfterExec + ":60000" });
        var launch = daemon.LaunchAsync("t1", "tree");
        await daemon.UntilAsync(() => Task.FromResult(daemon.Output.Contains("fault point after-exec", StringComparison.Ordinal)), "the daemon paused after the exec");
        await daemon.UntilAsync(() => Task.FromResult(daemon.Launched().Count >= 5), "the tree is spawned");

        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => launch);
        daemon.Environment.Clear();
        await daemon.StartAgainAsync();

        // The launch was never answered: the next daemon undoes it, and the client's retry starts it afresh.
        Assert.Empty(daemon.Launched());
        Assert.Equal(HttpStatusCode.NotFound, (await daemon.Http.GetAsync("v1/bots/t1")).StatusCode);
        using var retry = await daemon.LaunchAsync("t1", "tree", waitReady: true);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Theory(Timeout = 180_000)]
    [InlineData("warming", "w1.log")]
    [InlineData("warming-on-stderr", "w1.stderr")]
    public async Task A_bot_still_starting_when_the_daemon_died_becomes_ready_from_what_it_logged_meanwhile(string type, string file)
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (var launched = await daemon.LaunchAsync("w1", type))
        {
            Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        }

        Assert.Equal("starting", (await daemon.GetAsync("w1")).Status);
        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();

        // The line that makes it ready is written while no daemon runs.
        var log = Path.Combine(daemon.Directory, ".corral", "logs", file);
        await daemon.UntilAsync(() => Task.FromResult(File.Exists(log) && File.ReadAllText(log).Contains("warmed up", StringComparison.Ordinal)), "the bot logged its readiness");
        await daemon.StartAgainAsync();

        await daemon.UntilAsync(async () => (await daemon.GetAsync("w1")).Status == "running", "the adopted bot is ready");
    }

    [CgroupFact(Timeout = 180_000)]
    public async Task A_replaced_daemon_leaves_no_cgroup_folder_config_file_or_adoption_record()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("t1", "tree", new { big = "config" }, waitReady: true))
        {
        }

        var first = daemon.Owner.ToString();
        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        await daemon.StartAgainAsync();
        Assert.Equal("running", (await daemon.GetAsync("t1")).Status);
        Assert.True(Adoptions.IsHeld(first), "the adoption is recorded while the adopted bot runs");

        using (var stopped = await daemon.Http.PostAsync("v1/launcher/stop/t1", null))
        {
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        }

        Assert.DoesNotContain(CorralCgroups.Find(), c => c.Owner == first);
        Assert.False(File.Exists(Path.Combine(Adoptions.Folder, first)), "the adoption record is removed with the bot");
        Assert.Empty(Directory.GetFiles(Path.Combine(daemon.Directory, ".corral", "configs")));

        daemon.Signal(Signal.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync());
        Assert.DoesNotContain(CorralCgroups.Find(), c => daemon.Owners.Any(o => o.ToString() == c.Owner));
    }
}
