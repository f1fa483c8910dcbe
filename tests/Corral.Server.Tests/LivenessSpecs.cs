using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>
/// Liveness against a real daemon and a real HTTP server whose <c>/status</c> is switched to failing from outside
/// (a file): restart through the restart block, stop, or report only, and back to healthy on one success.
/// </summary>
public sealed class LivenessSpecs
{
    private static string Types(string failWhile, string onFailure) => $$"""
        types:
          flaky:
            command: [DUMMY, listen, "{port}", --fail-while, "{{failWhile}}"]
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status", timeout: 60s }
            liveness: { http: "http://127.0.0.1:{port}/status", interval: 100ms, attempt_timeout: 1s, failure_threshold: 3, on_failure: {{onFailure}} }
            restart: { policy: on-failure, backoff: 100ms, max_backoff: 200ms }
            stop: { grace: 2s }
        """;

    [Fact(Timeout = 180_000)]
    public async Task A_bot_whose_status_starts_failing_is_restarted_after_the_threshold_and_comes_back_healthy()
    {
        using var folder = new TempFolder("corral-liveness-");
        var failing = folder.File("failing");
        await using var daemon = await Daemon.StartAsync(Types(failing, "restart"));
        using (await daemon.LaunchAsync("f1", "flaky", waitReady: true))
        {
        }

        await daemon.UntilAsync(async () => (await daemon.GetAsync("f1")).Health == "healthy", "the first probe passes");
        var before = await daemon.GetAsync("f1");
        using var stream = await daemon.Http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(new StreamReader(await stream.Content.ReadAsStreamAsync()));

        File.WriteAllText(failing, "");
        var unhealthy = await events.UntilAsync("unhealthy");
        File.Delete(failing);
        var restart = await events.UntilAsync("restarted");
        await daemon.UntilAsync(async () => await daemon.GetAsync("f1") is { Status: "running", Health: "healthy" }, "the new run is healthy");

        var after = await daemon.GetAsync("f1");
        Assert.Contains("liveness failed 3 times in a row", unhealthy[^1].Data, StringComparison.Ordinal);
        Assert.Equal(["exited", "backoff", "restarted"], restart.Select(e => e.Kind).Where(k => k != "launched"));
        Assert.Equal(1, after.Restarts);
        Assert.NotEqual(before.Pid, after.Pid);
        Assert.DoesNotContain(daemon.Launched(), p => p.Pid == before.Pid);
    }

    [Fact(Timeout = 180_000)]
    public async Task With_on_failure_stop_an_unhealthy_bot_is_stopped_and_nothing_of_it_is_left()
    {
        using var folder = new TempFolder("corral-liveness-");
        var failing = folder.File("failing");
        await using var daemon = await Daemon.StartAsync(Types(failing, "stop"));
        using (await daemon.LaunchAsync("f2", "flaky", waitReady: true))
        {
        }

        File.WriteAllText(failing, "");

        await daemon.UntilAsync(async () => (await daemon.GetAsync("f2")).Status == "stopped", "the unhealthy bot is stopped");
        Assert.Empty(daemon.Launched());
        Assert.Equal(0, (await daemon.GetAsync("f2")).Restarts);
    }

    [Fact(Timeout = 180_000)]
    public async Task With_on_failure_report_an_unhealthy_bot_keeps_running_and_one_success_makes_it_healthy()
    {
        using var folder = new TempFolder("corral-liveness-");
        var failing = folder.File("failing");
        await using var daemon = await Daemon.StartAsync(Types(failing, "report"));
        using (await daemon.LaunchAsync("f3", "flaky", waitReady: true))
        {
        }

        var pid = (await daemon.GetAsync("f3")).Pid;
        using var stream = await daemon.Http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(new StreamReader(await stream.Content.ReadAsStreamAsync()));
        File.WriteAllText(failing, "");
        await events.UntilAsync("unhealthy");
        var unhealthy = await daemon.GetAsync("f3");
        File.Delete(failing);
        await events.UntilAsync("healthy");

        Assert.Equal(("running", "unhealthy", pid), (unhealthy.Status, unhealthy.Health, unhealthy.Pid));
        Assert.Equal(("running", "healthy", pid, 0), await daemon.GetAsync("f3") is var bot ? (bot.Status, bot.Health, bot.Pid, bot.Restarts) : default);
    }
}
