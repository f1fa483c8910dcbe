using Corral.Fleet;
using Corral.Readiness;
using Corral.Signals;

namespace Corral.Config.Tests;

public sealed class FleetFileSpecs
{
    private const string Path = "/fleets/fleet.yaml";

    [Fact]
    public void The_documented_example_parses_into_the_fleet_it_describes()
    {
        var file = FleetFile.Parse("""
            processes:
              server:
                command: ["python3", "server.py", "--port", "{port}"]
                port: 9000
                readiness: { tcp: "127.0.0.1:{port}", timeout: 30s }
              client:
                command: ["./client", "--port", "{port}", "--server", "{server.port}"]
                replicas: 3
                port: 8080
                env: { LOG_LEVEL: debug }
                cwd: ./clients
                depends_on: [server]
                readiness: { http: "http://127.0.0.1:{port}/status", interval: 100ms, timeout: 180s }
                stop: { signal: SIGTERM, grace: 10s }
              shell:
                command: "echo hi && sleep 5"
                port: auto
            sweep:
              kinds: { unreal: "UnrealEditor", tests: "python3 .*run_tests" }
            """, Path);

        var client = file.Fleet.Processes.Single(p => p.Name == "client");
        Assert.Equal(3, client.Replicas);
        Assert.Equal(8080, client.Port!.First);
        Assert.Equal("debug", client.Environment["LOG_LEVEL"]);
        Assert.Equal(["server"], client.DependsOn);
        Assert.Equal(ProbeKind.Http, client.Readiness!.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(100), client.Readiness.Interval);
        Assert.Equal(TimeSpan.FromSeconds(180), client.Readiness.Timeout);
        Assert.Equal(Signal.Term, client.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(10), client.StopGrace);
        Assert.Equal(["/bin/sh", "-c", "echo hi && sleep 5"], file.Fleet.Processes.Single(p => p.Name == "shell").Command);
        Assert.True(file.Fleet.Processes.Single(p => p.Name == "shell").Port!.IsAuto);
        Assert.Equal("/fleets", file.Fleet.BaseDirectory);
        Assert.Equal("UnrealEditor", file.Sweep.Kinds["unreal"]);
    }

    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("10s", 10)]
    [InlineData("2m", 120)]
    [InlineData("1.5", 1.5)]
    [InlineData("3", 3)]
    [InlineData("1m30s", 90)]
    [InlineData("1h15m", 4500)]
    [InlineData("1s500ms", 1.5)]
    [InlineData("2.5m", 150)]
    public void Durations_accept_units_compounds_or_plain_seconds(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("1x")]
    [InlineData("m")]
    [InlineData("1m30")]
    [InlineData("-1s")]
    [InlineData("-5")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData("processes:\n  web:\n    command: [a]\n    port: eighty\n", 4, "processes.web.port")]
    [InlineData("processes:\n  web:\n    command: [a]\n    replicas: 0\n", 4, "processes.web.replicas")]
    [InlineData("processes:\n  web:\n    comand: [a]\n", 3, "processes.web.comand")]
    [InlineData("processes:\n  web:\n    port: 80\n", 3, "processes.web.command")]
    [InlineData("processes:\n  web:\n    command: [a]\n    readiness: { http: \"127.0.0.1\" }\n", 4, "processes.web.readiness.http")]
    [InlineData("processes:\n  web:\n    command: [a]\n    stop: { signal: SIGFOO }\n", 4, "processes.web.stop.signal")]
    [InlineData("processes:\n  web:\n    command: [a]\n    stop: { grace: soon }\n", 4, "processes.web.stop.grace")]
    [InlineData("processes:\n  web:\n    command: [a\n", 4, "yaml")]
    [InlineData("processes:\n  \"bad/name\":\n    command: [a]\n", 2, "processes.bad/name")]
    [InlineData("processes:\n  web:\n    command: [a]\n    console: popup\n", 4, "processes.web.console")]
    [InlineData("processes:\n  web:\n    command: [a]\n    liveness: { log: ready }\n", 4, "processes.web.liveness.log")]
    [InlineData("processes:\n  web:\n    command: [a]\n    liveness: { tcp: \"127.0.0.1:1\", on_failure: explode }\n", 4, "processes.web.liveness.on_failure")]
    [InlineData("processes:\n  web:\n    command: [a]\n    liveness: { tcp: \"127.0.0.1:1\", failure_threshold: 0 }\n", 4, "processes.web.liveness.failure_threshold")]
    public void An_invalid_file_is_rejected_with_its_line_and_field(string yaml, int line, string field)
    {
        var error = Assert.Throws<ConfigException>(() => FleetFile.Parse(yaml, Path));

        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{Path}:{line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Liveness_takes_its_probe_timing_threshold_and_action_with_defaults_of_10s_1s_3_and_restart()
    {
        var fleet = FleetFile.Parse("""
            processes:
              web:
                command: [a]
                port: 8080
                liveness: { http: "http://127.0.0.1:{port}/status", interval: 5s, failure_threshold: 2, on_failure: report }
              db:
                command: [b]
                liveness: { exec: "pg_isready" }
            """, Path).Fleet;

        var web = fleet.Processes.Single(p => p.Name == "web").Liveness!;
        var db = fleet.Processes.Single(p => p.Name == "db").Liveness!;
        Assert.Equal((Readiness.ProbeKind.Http, "http://127.0.0.1:{port}/status"), (web.Probe.Kind, web.Probe.Target));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 2, Supervision.LivenessAction.Report),
            (web.Probe.Interval, web.Probe.AttemptTimeout, web.FailureThreshold, web.OnFailure));
        Assert.Equal((TimeSpan.FromSeconds(10), 3, Supervision.LivenessAction.Restart), (db.Probe.Interval, db.FailureThreshold, db.OnFailure));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<ConfigException>(() => FleetFile.Load("/nonexistent/fleet.yaml"));

        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new", true)]
    [InlineData("captured", false)]
    public void Console_new_asks_for_a_window_of_its_own_and_captured_is_the_default(string value, bool newConsole)
    {
        var file = FleetFile.Parse($"processes:\n  client:\n    command: [UnrealEditor.exe]\n    console: {value}\n  quiet:\n    command: [a]\n", Path);

        Assert.Equal(newConsole, file.Fleet.Processes.Single(p => p.Name == "client").NewConsole);
        Assert.False(file.Fleet.Processes.Single(p => p.Name == "quiet").NewConsole);
    }
}
