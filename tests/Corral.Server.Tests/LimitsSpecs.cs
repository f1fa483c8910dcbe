using System.Net;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>Limits that this machine cannot enforce are refused before anything starts, naming the limit and why.</summary>
public sealed class LimitsSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task A_limit_under_session_containment_is_refused_before_launch_with_the_reason()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              capped:
                command: [sleep, "100000"]
                limits: { memory: 64MB, pids: 50 }
            """, "--containment", "session");

        using var refused = await daemon.LaunchAsync("c1", "capped");
        var problem = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("session containment cannot hold resource limits", problem, StringComparison.Ordinal);
        Assert.Empty(daemon.Launched());
        Assert.Equal(0, (await daemon.ListAsync()).Total);
    }

    private const string Limited = """
        types:
          hog:
            command: [DUMMY, allocate, "512"]
            limits: { memory: 64MB }
          bomb:
            command: [DUMMY, fork-forever]
            limits: { pids: 50 }
            stop: { grace: 1s }
        """;

    [CgroupLimitFact(Timeout = 180_000)]
    public async Task A_process_that_allocates_past_its_memory_limit_is_killed_and_reported_out_of_memory()
    {
        await using var daemon = await Daemon.StartAsync(Limited);
        using (await daemon.LaunchAsync("h1", "hog"))
        {
        }

        await daemon.UntilAsync(async () => (await daemon.GetAsync("h1")).Status is "exited" or "failed", "the hog ends");

        Assert.Equal("killed: out of memory, limit 64MB", (await daemon.GetAsync("h1")).LastError);
        Assert.Contains("killed: out of memory, limit 64MB", await daemon.Http.GetStringAsync("v1/bots/h1/inspect"), StringComparison.Ordinal);
        Assert.Empty(daemon.Launched());
    }

    [CgroupLimitFact(Timeout = 180_000)]
    public async Task A_fork_bomb_under_pids_50_cannot_pass_50_processes_and_is_stopped_cleanly()
    {
        await using var daemon = await Daemon.StartAsync(Limited);
        using (await daemon.LaunchAsync("b1", "bomb"))
        {
        }

        await daemon.UntilAsync(async () => (await daemon.GetAsync("b1")).ChildProcesses >= 40, "the bomb fills its limit");
        var counts = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            counts.Add(daemon.Launched().Count);
            await Task.Delay(100);
        }

        // The refused forks are reported while it runs: it keeps running.
        await daemon.UntilAsync(
            async () => (await daemon.GetAsync("b1")).LastError?.StartsWith("pids limit (50) reached: ", StringComparison.Ordinal) == true,
            "the refused forks are reported");
        Assert.Equal("running", (await daemon.GetAsync("b1")).Status);
        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/b1", null);

        Assert.All(counts, count => Assert.InRange(count, 1, 50));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Empty(daemon.Launched());
    }
}
