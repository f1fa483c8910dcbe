using Corral.Supervision;

namespace Corral.Config.Tests;

public sealed class ServerConfigFileSpecs
{
    private const string Path = "/srv/corral/corral.yaml";

    [Fact]
    public void The_documented_corral_yaml_parses()
    {
        var config = ServerConfigFile.Parse("""
            strategy: local
            state: .corral/state.db
            logs: { max_size: 10MB, keep: 5, stderr: merged }
            types:
              rebalancing:
                command: ["python3", "bots/rebalancing.py", "--name", "{name}", "--port", "{port}"]
                port: auto
                readiness: { http: "http://127.0.0.1:{port}/status", timeout: 60s }
                stop: { signal: SIGTERM, grace: 10s }
                restart: { policy: on-failure, max: 5, backoff: 1s, max_backoff: 60s }
                logs: { max_size: 512KB }
              chatty:
                command: [a]
                logs: { stderr: separate }
            """, Path);

        var type = config.Types["rebalancing"];
        Assert.Equal("local", config.Strategy);
        Assert.Equal("/srv/corral/.corral/state.db", config.StatePath);
        Assert.Equal(RestartPolicyKind.OnFailure, type.Restart.Policy);
        Assert.Equal(5, type.Restart.Max);
        Assert.Equal(TimeSpan.FromSeconds(60), type.Restart.MaxBackoff);
        Assert.Equal(512 * 1024, type.Logs.MaxSize);
        Assert.Equal(5, type.Logs.Keep);
        Assert.True(type.Process.Port!.IsAuto);
        Assert.False(type.Logs.SeparateStderr);
        Assert.True(config.Types["chatty"].Logs.SeparateStderr);
        Assert.True(LogRotationSpec.Default.SeparateStderr);
    }

    [Theory]
    [InlineData("strategy: kubernetes\n", 1, "strategy")]
    [InlineData("types:\n  t:\n    command: [a]\n    restart: { policy: sometimes }\n", 4, "types.t.restart.policy")]
    [InlineData("types:\n  t:\n    command: [a]\n    logs: { max_size: huge }\n", 4, "types.t.logs.max_size")]
    [InlineData("types:\n  t:\n    command: [a]\n    logs: { stderr: both }\n", 4, "types.t.logs.stderr")]
    [InlineData("types:\n  t:\n    command: [a]\n    replicas: 2\n", 3, "types.t.replicas")]
    [InlineData("types:\n  t:\n    image: x\n", 3, "types.t.command")]
    [InlineData("strategy: docker\ntypes:\n  t:\n    command: [a]\n", 4, "types.t.image")]
    public void An_invalid_corral_yaml_names_line_and_field(string yaml, int line, string field)
    {
        var error = Assert.Throws<ConfigException>(() => ServerConfigFile.Parse(yaml, Path));

        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
    }
}
