using System.Net;
using Corral.Processes;
using Corral.Server.Tests.Support;
using Corral.Signals;

namespace Corral.Server.Tests;

/// <summary>State survives the daemon: kill -9, restart, and the same bots are there, still contained.</summary>
public sealed class AdoptionSpecs
{
    private const string Types = """
        types:
          forker:
            command: [DUMMY, spawn-tree, "3"]
            readiness: { log: "tree of 3 spawned" }
            stop: { grace: 5s }
          sleeper:
            command: [sleep, "100000"]
        """;

    [Fact(Timeout = 180_000)]
    public async Task After_kill_9_a_new_daemon_re_adopts_running_bots_and_records_the_dead()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("keep", "forker", waitReady: true))
        using (await daemon.LaunchAsync("victim", "sleeper"))
        {
        }

        var before = (await daemon.ListAsync()).Bots.ToDictionary(b => b.BotName);
        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        ProcessSignaller.Send(ProcessTable.Get(before["victim"].Pid!.Value)!.Id, Signal.Kill);

        await daemon.StartAgainAsync();
        var after = (await daemon.ListAsync()).Bots.ToDictionary(b => b.BotName);

        Assert.Equal(before["keep"].Pid, after["keep"].Pid);
        Assert.Equal("running", after["keep"].Status);
        Assert.Equal(3, after["keep"].ChildProcesses);
        Assert.Equal("exited", after["victim"].Status);
        Assert.Null(after["victim"].Pid);

        using var sweep = System.Diagnostics.Process.Start(Daemon.Binary, ["sweep", "--orphans"])!;
        await sweep.WaitForExitAsync();
        Assert.Equal(3, (await daemon.GetAsync("keep")).ChildProcesses);

        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/keep", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Empty(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task Stopping_the_daemon_stops_every_bot_unless_told_to_keep_them()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("b1", "forker", waitReady: true))
        {
        }

        daemon.Signal(Signal.Term);

        Assert.Equal(0, await daemon.WaitForExitAsync());
        Assert.Empty(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task With_keep_bots_the_next_daemon_adopts_what_the_last_one_left()
    {
        await using var daemon = await Daemon.StartAsync(Types, "--keep-bots");
        using (await daemon.LaunchAsync("b1", "forker", waitReady: true))
        {
        }

        var pid = (await daemon.GetAsync("b1")).Pid;
        daemon.Signal(Signal.Term);
        await daemon.WaitForExitAsync();
        Assert.Equal(4, daemon.Launched().Count);

        await daemon.StartAgainAsync();

        Assert.Equal(pid, (await daemon.GetAsync("b1")).Pid);
        Assert.True((await daemon.GetAsync("b1")).Adopted);
        Assert.Equal(3, (await daemon.GetAsync("b1")).ChildProcesses);
    }
}
