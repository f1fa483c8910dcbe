using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary><c>GET /metrics</c> scraped as Prometheus does, its values checked against the real daemon and its real bots.</summary>
public sealed class MetricsSpecs
{
    private const string Types = """
        types:
          sleeper:
            command: [sleep, "100000"]
            stop: { grace: 2s }
          web:
            command: [DUMMY, listen, "{port}"]
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status" }
          escaper:
            command: [DUMMY, daemonize, "{port}"]
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status" }
            stop: { grace: 500ms }
        """;

    [Fact(Timeout = 180_000)]
    public async Task Every_bot_is_exposed_with_the_values_the_api_lists_and_a_restart_counts_and_replaces_its_pid()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("s1", "sleeper"))
        {
        }

        using (await daemon.LaunchAsync("w1", "web", waitReady: true))
        {
        }

        var before = await daemon.GetAsync("s1");
        var metrics = await ScrapeAsync(daemon);

        Assert.Equal(1, metrics.Value("corral_build_info"));
        Assert.Equal(1, metrics.Value("corral_bot_info", ("name", "s1"), ("type", "sleeper"), ("strategy", "local"), ("pid", Pid(before))));
        Assert.Equal(1, metrics.Value("corral_bot_up", ("name", "s1"), ("type", "sleeper"), ("strategy", "local")));
        Assert.Equal(1, metrics.Value("corral_bot_status", ("name", "s1"), ("status", "running")));
        Assert.Equal(0, metrics.Value("corral_bot_status", ("name", "s1"), ("status", "failed")));
        Assert.Equal(1, metrics.Value("corral_bot_processes", ("name", "s1")));
        Assert.Equal(0, metrics.Value("corral_bot_restarts_total", ("name", "s1")));
        Assert.True(metrics.Value("corral_bot_memory_bytes", ("name", "s1")) > 0);
        Assert.Equal(before.StartedAt!.Value.ToUnixTimeMilliseconds() / 1000.0, metrics.Value("corral_bot_start_time_seconds", ("name", "s1")), 0.002);
        Assert.Equal(1, metrics.Value("corral_readiness_duration_seconds_count", ("probe", "http")));
        Assert.Contains(metrics, s => s.Name == "process_working_set_bytes" && s.Value > 0);
        Assert.All(metrics.Where(s => s.Name.StartsWith("corral_bot_", StringComparison.Ordinal) && s.Name != "corral_bot_info"),
            s => Assert.DoesNotContain("pid", s.Labels.Keys));

        using (await daemon.Http.PostAsync("v1/launcher/restart/s1", null))
        {
        }

        var after = await daemon.GetAsync("s1");
        metrics = await ScrapeAsync(daemon);

        Assert.NotEqual(before.Pid, after.Pid);
        Assert.Equal(1, metrics.Value("corral_bot_restarts_total", ("name", "s1")));
        Assert.Equal(Pid(after), Assert.Single(metrics, s => s.Name == "corral_bot_info" && s.Labels["name"] == "s1").Labels["pid"]);

        using (await daemon.Http.PostAsync("v1/launcher/stop/w1", null))
        {
        }

        metrics = await ScrapeAsync(daemon);
        Assert.DoesNotContain(metrics, s => s.Labels.TryGetValue("name", out var name) && name == "w1");
    }

    [CgroupFact(Timeout = 180_000)]
    public async Task A_stop_that_had_to_kill_an_escaped_double_forked_child_counts_it_and_its_duration()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        // Ready once the double-forked, SIGTERM-ignoring listener answers on the bot's port.
        using (await daemon.LaunchAsync("x1", "escaper", waitReady: true))
        {
        }

        var before = await ScrapeAsync(daemon);

        using (await daemon.Http.PostAsync("v1/launcher/stop/x1", null))
        {
        }

        var after = await ScrapeAsync(daemon);
        Assert.Equal(1, after.Value("corral_stop_duration_seconds_count") - before.Value("corral_stop_duration_seconds_count"));
        var escapedKills = Killed(after, "unit_kill") + Killed(after, "tag_scan") - Killed(before, "unit_kill") - Killed(before, "tag_scan");
        Assert.Equal(1, escapedKills);
        Assert.Empty(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task With_a_token_the_metrics_need_it_too()
    {
        await using var daemon = await Daemon.StartAsync(Types, "--token", "metrics-secret");

        using var refused = await daemon.Http.GetAsync("metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "metrics-secret");
        using var answered = await daemon.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(1, Exposition.Parse(await answered.Content.ReadAsStringAsync()).Value("corral_build_info"));
    }

    private static async Task<IReadOnlyList<Sample>> ScrapeAsync(Daemon daemon)
    {
        using var response = await daemon.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return Exposition.Parse(await response.Content.ReadAsStringAsync());
    }

    private static double Killed(IReadOnlyList<Sample> metrics, string phase) => metrics.Value("corral_stop_killed_processes_total", ("phase", phase));

    private static string Pid(Contracts.BotDto bot) => bot.Pid!.Value.ToString(CultureInfo.InvariantCulture);
}
