using System.Net;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>A config the environment cannot hold still reaches the bot, through its file.</summary>
public sealed class LargeConfigSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task A_config_of_140_KB_is_launched_and_given_as_the_file()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              printer:
                command: [DUMMY, print, "{name}"]
            """);
        var blob = new string('x', 140 * 1024);

        using var launched = await daemon.LaunchAsync("big", "printer", new { blob });

        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        await daemon.UntilAsync(async () => (await daemon.GetAsync("big")).Status == "exited", "the printer exits");
        var logs = await daemon.Http.GetStringAsync("v1/bots/big/logs?tail=10");
        Assert.Contains("CORRAL_CONFIG=\n", logs, StringComparison.Ordinal);
        var file = logs.Split('\n').Single(l => l.StartsWith("CORRAL_CONFIG_FILE=", StringComparison.Ordinal))["CORRAL_CONFIG_FILE=".Length..];
        Assert.Equal($"{{\"blob\":\"{blob}\"}}", File.ReadAllText(file));
        Assert.Equal(0, (await daemon.GetAsync("big")).ExitCode);
    }
}
