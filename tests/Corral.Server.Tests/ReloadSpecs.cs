using System.Net;
using System.Net.Http.Json;
using Corral.Contracts;
using Corral.Processes;
using Corral.Signals;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>Reloading corral.yaml in a running daemon with running bots: in place, rolling, refused, pruned, on SIGHUP.</summary>
public sealed class ReloadSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task A_policy_change_applies_in_place_and_a_dry_run_changes_nothing()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              sleeper:
                command: [sleep, "100000"]
                restart: { policy: "no" }
            """);
        using (await daemon.LaunchAsync("s1", "sleeper"))
        {
        }

        var before = await daemon.GetAsync("s1");
        Rewrite(daemon, """
            types:
              sleeper:
                command: [sleep, "100000"]
                restart: { policy: always, backoff: 100ms }
                stop: { grace: 3s }
            """);

        var dryRun = await ReloadAsync(daemon, "?dry_run=true");
        var plan = await ReloadAsync(daemon, "");

        var change = Assert.Single(plan.Changed);
        Assert.True(dryRun.DryRun);
        Assert.Equal(("sleeper", false), (change.Type, change.RestartsBots));
        Assert.Equal(["restart", "stop"], change.Fields);
        Assert.Empty(plan.Restarting);
        Assert.Equal(before.Pid, (await daemon.GetAsync("s1")).Pid);

        // The new restart policy governs the running bot: killed from outside, it comes back.
        ProcessSignaller.Send(ProcessTable.Get(before.Pid!.Value)!.Id, Signal.Kill);
        await daemon.UntilAsync(async () => await daemon.GetAsync("s1") is { Status: "running", Restarts: 1 }, "the killed sleeper is restarted by the new policy");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_command_change_restarts_the_bots_of_its_type_one_at_a_time_each_ready_before_the_next()
    {
        await using var daemon = await Daemon.StartAsync(Web("v1"));
        foreach (var name in new[] { "w1", "w2" })
        {
            using (await daemon.LaunchAsync(name, "web", waitReady: true))
            {
            }
        }

        var before = (await daemon.ListAsync()).Bots.ToDictionary(b => b.BotName, b => b.Pid);
        using var stream = await daemon.Http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(new StreamReader(await stream.Content.ReadAsStreamAsync()));
        await events.NextAsync();
        Rewrite(daemon, Web("v2"));

        var plan = await ReloadAsync(daemon, "");
        var seen = await events.UntilAsync("ready");
        seen.AddRange(await events.UntilAsync("ready"));

        Assert.Equal(["w1", "w2"], plan.Restarting);
        Assert.Equal(["command"], Assert.Single(plan.Changed).Fields);
        var order = seen.Where(e => e.Kind is "restarted" or "ready").Select(e => $"{Bot(e)} {e.Kind}").ToList();
        Assert.Equal(["w1 restarted", "w1 ready", "w2 restarted", "w2 ready"], order);
        foreach (var bot in (await daemon.ListAsync()).Bots)
        {
            Assert.NotEqual(before[bot.BotName], bot.Pid);
            Assert.Equal("v2", await new HttpClient().GetStringAsync($"http://127.0.0.1:{bot.Ports[0]}/status"));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task An_invalid_file_is_refused_with_its_line_and_field_and_changes_nothing()
    {
        await using var daemon = await Daemon.StartAsync(Web("v1"));
        using (await daemon.LaunchAsync("w1", "web", waitReady: true))
        {
        }

        var before = await daemon.GetAsync("w1");
        Rewrite(daemon, "types:\n  web:\n    command: [a]\n    restart: { policy: sometimes }\n");

        using var refused = await daemon.Http.PostAsync("v1/config/reload", null);
        var problem = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("corral.yaml:4:", problem, StringComparison.Ordinal);
        Assert.Contains("types.web.restart.policy", problem, StringComparison.Ordinal);
        Assert.Equal(before.Pid, (await daemon.GetAsync("w1")).Pid);
        Assert.Contains("--body", await daemon.Http.GetStringAsync("v1/types"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Bots_of_a_removed_type_keep_running_unless_pruned_and_sighup_reloads_too()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              keep:
                command: [sleep, "100000"]
              gone:
                command: [sleep, "100000"]
            """);
        using (await daemon.LaunchAsync("k1", "keep"))
        {
        }

        using (await daemon.LaunchAsync("g1", "gone"))
        {
        }

        Rewrite(daemon, KeepAndAdded);
        daemon.Signal(Signal.Hup);
        await daemon.UntilAsync(async () => (await daemon.Http.GetStringAsync("v1/types")).Contains("\"added\"", StringComparison.Ordinal), "SIGHUP reloads");
        Assert.Equal("running", (await daemon.GetAsync("g1")).Status);

        var pruned = await ReloadAsync(daemon, "?prune=true");

        Assert.Equal(["g1"], pruned.Pruning);
        Assert.Equal(0, (await daemon.ListAsync()).Bots.Count(b => b.BotName == "g1"));
        Assert.Equal("running", (await daemon.GetAsync("k1")).Status);
        Assert.Single(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_daemon_started_under_nohup_still_reloads_on_sighup()
    {
        // nohup corral serve & is how a daemon is kept without systemd; like nginx and sshd, SIGHUP must still reload.
        await using var daemon = await Daemon.StartIgnoringHangUpAsync("""
            types:
              keep:
                command: [sleep, "100000"]
            """);
        Rewrite(daemon, KeepAndAdded);

        daemon.Signal(Signal.Hup);

        await daemon.UntilAsync(async () => (await daemon.Http.GetStringAsync("v1/types")).Contains("\"added\"", StringComparison.Ordinal), "SIGHUP reloads");
    }

    // The file after a reload that drops the type 'gone' and adds 'added'.
    private const string KeepAndAdded = """
        types:
          keep:
            command: [sleep, "100000"]
          added:
            command: [sleep, "100000"]
        """;

    private static string Web(string body) => $$"""
        types:
          web:
            command: [DUMMY, listen, "{port}", --body, {{body}}]
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status" }
            stop: { grace: 2s }
        """;

    private static void Rewrite(Daemon daemon, string yaml) =>
        File.WriteAllText(Path.Combine(daemon.Directory, "corral.yaml"), yaml.Replace("DUMMY", Daemon.Dummy, StringComparison.Ordinal));

    private static async Task<ReloadPlanDto> ReloadAsync(Daemon daemon, string query)
    {
        using var response = await daemon.Http.PostAsync("v1/config/reload" + query, null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReloadPlanDto>(Daemon.Json))!;
    }

    private static string Bot(SseFrame frame) => System.Text.Json.JsonSerializer.Deserialize<BotEvent>(frame.Data, Daemon.Json)!.BotName;
}
