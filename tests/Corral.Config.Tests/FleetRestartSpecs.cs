using Corral.Supervision;

namespace Corral.Config.Tests;

/// <summary>Fleet processes take the same <c>restart:</c> block as bot types: same keys, same meaning, same errors.</summary>
public sealed class FleetRestartSpecs
{
    private const string Path = "/fleets/fleet.yaml";

    [Fact]
    public void A_fleet_process_reads_the_restart_block_of_a_bot_type()
    {
        var file = FleetFile.Parse("""
            processes:
              flaky:
                command: [./flaky]
                restart: { policy: always, max: 7, backoff: 250ms, max_backoff: 90s, reset_after: 2m }
              steady:
                command: [./steady]
            """, Path);

        var flaky = file.Fleet.Processes.Single(p => p.Name == "flaky").Restart;
        Assert.Equal(RestartPolicyKind.Always, flaky.Policy);
        Assert.Equal(7, flaky.Max);
        Assert.Equal(TimeSpan.FromMilliseconds(250), flaky.Backoff);
        Assert.Equal(TimeSpan.FromSeconds(90), flaky.MaxBackoff);
        Assert.Equal(TimeSpan.FromMinutes(2), flaky.ResetAfter);
        Assert.Equal(RestartPolicyKind.No, file.Fleet.Processes.Single(p => p.Name == "steady").Restart.Policy);
    }

    [Fact]
    public void The_same_block_in_a_fleet_file_and_in_corral_yaml_means_the_same()
    {
        const string block = "restart: { policy: on-failure, max: 3, backoff: 2s }";
        var fleet = FleetFile.Parse($"processes:\n  p:\n    command: [./p]\n    {block}\n", Path);
        var server = ServerConfigFile.Parse($"types:\n  p:\n    command: [./p]\n    {block}\n", "/etc/corral.yaml");

        Assert.Equal(server.Types["p"].Restart, fleet.Fleet.Processes.Single().Restart);
    }

    [Fact]
    public void An_unknown_policy_names_file_line_and_field()
    {
        var error = Assert.Throws<ConfigException>(() => FleetFile.Parse("""
            processes:
              flaky:
                command: [./flaky]
                restart: { policy: sometimes }
            """, Path));

        Assert.Contains($"{Path}:4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("processes.flaky.restart.policy", error.Message, StringComparison.Ordinal);
    }
}
