using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Corral.Processes;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>The CLI verbs against a running daemon, and a daemon that reaps what it inherits.</summary>
public sealed class ClientVerbSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Launch_ps_logs_restart_and_stop_work_from_the_command_line()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              forker:
                command: [DUMMY, spawn-tree, "2"]
                readiness: { log: "tree of 2 spawned" }
            """);
        var url = $"http://127.0.0.1:{daemon.Port}";

        var (launchCode, launched) = await CorralAsync("launch", "cli1", "--type", "forker", "--config", "{\"k\": 1}", "--wait", "--url", url);
        var (psCode, ps) = await CorralAsync("ps", "--url", url);
        var (jsonCode, json) = await CorralAsync("ps", "--json", "--url", url);
        var (logsCode, logs) = await CorralAsync("logs", "cli1", "--tail", "5", "--url", url);
        var (restartCode, restarted) = await CorralAsync("restart", "cli1", "--url", url);
        var (stopCode, _) = await CorralAsync("stop", "cli1", "--url", url);
        var (missingCode, _) = await CorralAsync("stop", "cli1", "--url", url);

        Assert.Equal(0, launchCode);
        Assert.Contains("cli1: running", launched, StringComparison.Ordinal);
        Assert.Equal(0, psCode);
        Assert.Contains("CHILDREN", ps, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(0, logsCode);
        Assert.Contains("tree of 2 spawned", logs, StringComparison.Ordinal);
        Assert.Equal(0, restartCode);
        Assert.Contains("restarts 1", restarted, StringComparison.Ordinal);
        Assert.Equal(0, stopCode);
        Assert.Equal(10, missingCode);
        Assert.Empty(daemon.Launched());
    }

    [Fact(Timeout = 180_000)]
    public async Task Launch_reads_the_config_from_a_file_given_as_at_file()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              printer:
                command: [DUMMY, print, printed]
            """);
        var file = Path.Combine(daemon.Directory, "bot-config.json");
        File.WriteAllText(file, "{\"from\": \"file\"}");

        var (code, output) = await CorralAsync("launch", "p1", "--type", "printer", "--config", "@" + file, "--url", $"http://127.0.0.1:{daemon.Port}");

        Assert.True(code == 0, output);
        var log = Path.Combine(daemon.Directory, ".corral", "logs", "p1.log");
        await daemon.UntilAsync(() => Task.FromResult(File.Exists(log) && File.ReadAllText(log).Contains("CORRAL_CONFIG_FILE", StringComparison.Ordinal)), "the bot printed its config");
        var printed = File.ReadAllLines(log).Single(l => l.StartsWith("CORRAL_CONFIG=", StringComparison.Ordinal))["CORRAL_CONFIG=".Length..];
        Assert.Equal("file", JsonDocument.Parse(printed).RootElement.GetProperty("from").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task Without_a_daemon_the_verbs_say_how_to_start_one()
    {
        var port = Support.TestPorts.Allocate();

        var (code, output) = await CorralAsync("ps", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(9, code);
        Assert.Contains("corral serve", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_subreaper_daemon_leaves_no_defunct_orphans()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              orphaner:
                command: ["/bin/sh", "-c", "for i in 1 2 3 4 5; do (sleep 0.1 &); done; exec sleep 100000"]
            """, "--containment", "session");
        using (await daemon.LaunchAsync("o1", "orphaner"))
        {
        }

        // The five background sleeps re-parent to the daemon (a subreaper here) and exit after 0.1 s.
        await daemon.UntilAsync(
            () => Task.FromResult(!ProcessTable.Snapshot().Any(p => !p.IsDead && ProcessTable.ReadCommandLine(p.Pid) == "sleep 0.1")),
            "the orphans have exited");

        await daemon.UntilAsync(
            () => Task.FromResult(!ProcessTable.Snapshot().Any(p => p.ParentPid == daemon.Owner.Pid && p.State == 'Z')),
            "no zombie is left under the daemon");
        Assert.Equal("running", (await daemon.GetAsync("o1")).Status);
    }

    [Fact(Timeout = 180_000)]
    public async Task Events_prints_the_daemons_events_as_json_lines_until_the_kind_asked_for()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              sleeper:
                command: [sleep, "100000"]
            """);
        var url = $"http://127.0.0.1:{daemon.Port}";
        var info = new ProcessStartInfo(Daemon.Binary, ["events", "--until", "stopped", "--url", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var events = Process.Start(info)!;
        var stdout = events.StandardOutput.ReadToEndAsync();
        try
        {
            // Launch and stop until the stream has seen a stop: it may connect after the first cycle.
            for (var cycle = 0; !events.HasExited && cycle < 100; cycle++)
            {
                using (var launched = await daemon.LaunchAsync("e1", "sleeper"))
                {
                    Assert.True(launched.IsSuccessStatusCode);
                }

                using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/e1", null);
                Assert.True(stopped.IsSuccessStatusCode);
                await Task.Delay(100);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await events.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, events.ExitCode);
            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var last = JsonDocument.Parse(lines[^1]).RootElement;
            Assert.Equal("stopped", last.GetProperty("kind").GetString());
            Assert.Equal("e1", last.GetProperty("bot_name").GetString());
            Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        }
        finally
        {
            if (!events.HasExited)
            {
                events.Kill();
            }
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Every_daemon_flag_can_come_from_its_corral_variable()
    {
        using var folder = new TempFolder("corral-env-state-");
        var state = folder.File("elsewhere.db");
        await using var daemon = await Daemon.StartConfiguredByEnvironmentAsync(
            "types:\n  sleeper:\n    command: [sleep, \"100000\"]\n",
            new Dictionary<string, string> { ["CORRAL_STATE"] = state, ["CORRAL_READ_ONLY"] = "1", ["CORRAL_TOKEN"] = "env-token" });

        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        using var health = JsonDocument.Parse(await (await daemon.Http.SendAsync(request)).Content.ReadAsStringAsync());
        using var anonymous = await daemon.Http.GetAsync("v1/bots/");

        Assert.True(health.RootElement.GetProperty("read_only").GetBoolean());
        Assert.True(health.RootElement.GetProperty("token_required").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(File.Exists(state), $"the state file is at CORRAL_STATE ({state})");
    }

    [Fact(Timeout = 180_000)]
    public async Task Scale_says_why_a_bot_of_strategy_local_cannot_be_scaled()
    {
        await using var daemon = await Daemon.StartAsync("types:\n  sleeper:\n    command: [sleep, \"100000\"]\n");
        using (await daemon.LaunchAsync("s1", "sleeper"))
        {
        }

        var (code, output) = await CorralAsync("scale", "s1", "3", "--url", daemon.Http.BaseAddress!.ToString());

        Assert.Equal(10, code);
        Assert.Contains("cannot be scaled", output, StringComparison.Ordinal);
        Assert.Single(daemon.Launched());
    }

    internal static async Task<(int Code, string Output)> CorralAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Daemon.Binary, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var corral = Process.Start(info)!;
        var stdout = corral.StandardOutput.ReadToEndAsync();
        var stderr = corral.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await corral.WaitForExitAsync(timeout.Token);
        return (corral.ExitCode, await stdout + await stderr);
    }
}
