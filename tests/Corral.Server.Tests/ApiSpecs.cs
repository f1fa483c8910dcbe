using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Corral.Processes;
using Corral.Server.Api;
using Corral.Server.Tests.Support;
using Corral.Contracts;

namespace Corral.Server.Tests;

/// <summary>The old manager's API through real HTTP against a real daemon and real bots.</summary>
public sealed class ApiSpecs
{
    private const string Types = """
        types:
          forker:
            command: [DUMMY, spawn-tree, "3"]
            readiness: { log: "tree of 3 spawned", timeout: 30s }
            stop: { grace: 5s }
          web:
            command: [DUMMY, listen, "{port}"]
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status" }
          sleeper:
            command: [sleep, "100000"]
            stop: { grace: 2s }
          printer:
            command: [DUMMY, print, "{name}"]
        """;

    [Fact(Timeout = 180_000)]
    public async Task A_bot_that_forks_is_listed_with_its_children_and_stop_leaves_nothing()
    {
        await using var daemon = await Daemon.StartAsync(Types);

        using var launched = await daemon.LaunchAsync("b1", "forker", waitReady: true);
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        var list = await daemon.ListAsync();
        var bot = Assert.Single(list.Bots);
        Assert.Equal(1, list.Total);
        Assert.Equal("running", bot.Status);
        Assert.Equal(3, bot.ChildProcesses);
        Assert.True(bot.Pid > 0);
        Assert.True(bot.MemoryBytes > 0);

        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/b1", null);
        var report = (await stopped.Content.ReadFromJsonAsync<StopReportDto>(Daemon.Json))!;

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(4, report.Signalled.Count);
        Assert.True(report.ProvenEmpty);
        Assert.Empty(daemon.Launched());
        Assert.Equal(0, (await daemon.ListAsync()).Total);
    }

    [Theory(Timeout = 180_000)]
    [InlineData("{not json", "Malformed JSON")]
    [InlineData("{\"bot_type\": \"sleeper\"}", "bot_name")]
    [InlineData("{\"bot_name\": \"x\"}", "bot_type")]
    [InlineData("{\"bot_name\": \"x\", \"bot_type\": \"nope\"}", "Unknown bot_type 'nope'")]
    [InlineData("{\"bot_name\": \"../etc/passwd\", \"bot_type\": \"sleeper\"}", "Invalid bot_name")]
    [InlineData("{\"bot_name\": \"nl\\n\", \"bot_type\": \"sleeper\"}", "Invalid bot_name")]
    [InlineData("{\"bot_name\": \"x\", \"bot_type\": \"sleeper\", \"config\": [1]}", "config must be a JSON object")]
    [InlineData("null", "JSON null")]
    public async Task Every_bad_launch_gets_a_400_problem_and_the_daemon_keeps_serving(string body, string expected)
    {
        await using var daemon = await Daemon.StartAsync(Types);

        using var response = await daemon.Http.PostAsync("v1/launcher/launch", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await daemon.Http.GetAsync("healthz")).StatusCode);
        Assert.Empty(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task Oversized_bodies_unknown_bots_and_unknown_paths_get_problems_too()
    {
        await using var daemon = await Daemon.StartAsync(Types);

        var huge = "{\"bot_name\": \"x\", \"bot_type\": \"sleeper\", \"config\": {\"blob\": \"" + new string('a', 2 * 1024 * 1024) + "\"}}";
        using var tooLarge = await daemon.Http.PostAsync("v1/launcher/launch", new StringContent(huge, Encoding.UTF8, "application/json"));
        using var unknownStop = await daemon.Http.PostAsync("v1/launcher/stop/ghost", null);
        using var unknownGet = await daemon.Http.GetAsync("v1/bots/ghost");
        using var notAll = await daemon.Http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": false}", Encoding.UTF8, "application/json"));
        using var nowhere = await daemon.Http.GetAsync("v2/nothing");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStop.StatusCode);
        Assert.Contains("ghost", await unknownStop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownGet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAll.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("application/problem+json", nowhere.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await daemon.Http.GetAsync("healthz")).StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task Launching_a_name_that_is_running_is_a_409()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using var first = await daemon.LaunchAsync("dup", "sleeper");

        using var second = await daemon.LaunchAsync("dup", "sleeper");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Single(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_hundred_concurrent_launches_lose_nothing_and_stop_all_stops_them_all()
    {
        await using var daemon = await Daemon.StartAsync(Types);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => daemon.LaunchAsync($"bot-{i:D3}", "sleeper")));
        using var duplicate = await daemon.LaunchAsync("bot-000", "sleeper");

        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} launch(es) not created: {string.Join("; ", await Task.WhenAll(refused.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")))}\n{daemon.Output}");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var list = await daemon.ListAsync();
        Assert.Equal(100, list.Total);
        Assert.Equal(100, list.Bots.Select(b => b.Pid).Distinct().Count());

        // A process caught mid-exec shows an empty environment for an instant: poll rather than read once.
        for (var attempt = 0; attempt < 200 && daemon.Launched().Count != 100; attempt++)
        {
            await Task.Delay(50);
        }

        var launched = daemon.Launched();
        Assert.True(launched.Count == 100, $"{launched.Count} tagged: " + string.Join(", ", launched.Take(5).Select(p => $"{p.Pid} {Corral.Processes.ProcessTable.ReadCommandLine(p.Pid)}")));

        using var stopAll = await daemon.Http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": true}", Encoding.UTF8, "application/json"));
        var stopped = (await stopAll.Content.ReadFromJsonAsync<StopAllDto>(Daemon.Json))!;

        Assert.Equal(100, stopped.Total);
        Assert.Empty(daemon.Launched());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task The_config_reaches_the_bot_as_json_and_as_a_file_and_logs_are_served()
    {
        await using var daemon = await Daemon.StartAsync(Types);

        using var launched = await daemon.LaunchAsync("p1", "printer", new { pair = "BTC-USD", depth = 3 });
        await daemon.UntilAsync(async () => (await daemon.GetAsync("p1")).Status == "exited", "the printer exits");
        var logs = await daemon.Http.GetStringAsync("v1/bots/p1/logs?tail=10");

        Assert.Contains("CORRAL_CONFIG={\"pair\":\"BTC-USD\",\"depth\":3}", logs, StringComparison.Ordinal);
        var file = logs.Split('\n').Single(l => l.StartsWith("CORRAL_CONFIG_FILE=", StringComparison.Ordinal))["CORRAL_CONFIG_FILE=".Length..];
        Assert.Equal("{\"pair\":\"BTC-USD\",\"depth\":3}", File.ReadAllText(file));
        Assert.Equal(0, (await daemon.GetAsync("p1")).ExitCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task Events_start_with_a_snapshot_of_every_bot_then_stream_every_state_change_with_ids()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("e0", "sleeper"))
        {
        }

        using var stream = await daemon.Http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(new StreamReader(await stream.Content.ReadAsStreamAsync()));
        var snapshot = await events.NextAsync();
        using var launched = await daemon.LaunchAsync("e1", "web", waitReady: true);
        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/e1", null);
        var changes = await events.UntilAsync("stopped");

        Assert.Equal(EventsApi.SnapshotKind, snapshot.Kind);
        var listed = JsonSerializer.Deserialize<BotListDto>(snapshot.Data, Daemon.Json)!;
        Assert.Equal("e0", Assert.Single(listed.Bots).BotName);
        Assert.Equal(["launched", "ready", "stopped"], changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.Equal("e1", JsonSerializer.Deserialize<BotEvent>(c.Data, Daemon.Json)!.BotName));
        var ids = changes.Select(c => long.Parse(c.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.True(ids[0] > long.Parse(snapshot.Id!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_client_that_reconnects_with_its_last_event_id_gets_what_it_missed_and_one_too_far_behind_a_snapshot()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        string lastSeen;
        using (var first = await daemon.Http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead))
        {
            lastSeen = (await new SseReader(new StreamReader(await first.Content.ReadAsStreamAsync())).NextAsync()).Id!;
        }

        // While it was away: a bot launched and stopped.
        using (await daemon.LaunchAsync("m1", "sleeper"))
        {
        }

        using (await daemon.Http.PostAsync("v1/launcher/stop/m1", null))
        {
        }

        using var resume = new HttpRequestMessage(HttpMethod.Get, "v1/events");
        resume.Headers.Add("Last-Event-ID", lastSeen);
        using var resumed = await daemon.Http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        var missed = await new SseReader(new StreamReader(await resumed.Content.ReadAsStreamAsync())).UntilAsync("stopped");

        Assert.Equal(["launched", "ready", "stopped"], missed.Select(m => m.Kind));

        // An id older than the history (or from an earlier daemon) cannot be resumed from: the state comes whole instead.
        using var stale = await daemon.Http.GetAsync("v1/events?last_event_id=1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(EventsApi.SnapshotKind, (await new SseReader(new StreamReader(await stale.Content.ReadAsStreamAsync())).NextAsync()).Kind);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_api_is_described_by_an_openapi_document()
    {
        await using var daemon = await Daemon.StartAsync(Types);

        using var document = JsonDocument.Parse(await daemon.Http.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/v1/launcher/launch", paths);
        Assert.Contains("/v1/launcher/stop/{bot_name}", paths);
        Assert.Contains(paths, p => p.TrimEnd('/') == "/v1/bots");
        Assert.Equal(HttpStatusCode.OK, (await daemon.Http.GetAsync("v1/bots")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await daemon.Http.GetAsync("v1/bots/")).StatusCode);
        Assert.Contains("/v1/events", paths);

        // Every operation says what it answers, errors as problem details; the bodies it reads have schemas.
        var operations = document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).ToList();
        Assert.All(operations, o => Assert.Contains(o.Value.GetProperty("responses").EnumerateObject(), r => r.Name == "500"));
        var launch = document.RootElement.GetProperty("paths").GetProperty("/v1/launcher/launch").GetProperty("post");
        Assert.Equal(
            ["201", "400", "401", "409", "413", "500", "503"],
            launch.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order().ToArray());
        Assert.True(launch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("LaunchRequest").GetProperty("properties").TryGetProperty("bot_name", out _));
        Assert.True(schemas.GetProperty("BotDto").GetProperty("properties").TryGetProperty("child_processes", out _));
        Assert.True(schemas.TryGetProperty("ProblemDetails", out _));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_wrong_method_on_a_known_path_answers_405_with_allow()
    {
        await using var daemon = await Daemon.StartAsync(Types);

        using var wrong = await daemon.Http.GetAsync("v1/launcher/launch");
        using var unknown = await daemon.Http.GetAsync("v1/nothing-here");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal(["POST"], wrong.Content.Headers.Allow);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
