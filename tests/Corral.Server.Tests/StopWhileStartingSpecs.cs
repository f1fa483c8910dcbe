using System.Net;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>A launch that waits for readiness and meets a stop gets a clear answer, not a 500.</summary>
public sealed class StopWhileStartingSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task A_launch_waiting_for_readiness_answers_409_when_the_bot_is_stopped_meanwhile()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              slow:
                command: [DUMMY, sleep]
                readiness: { tcp: "127.0.0.1:1", timeout: 60s }
            """);

        var launch = daemon.LaunchAsync("s1", "slow", waitReady: true);
        await daemon.UntilAsync(async () => (await daemon.Http.GetAsync("v1/bots/s1")).StatusCode == HttpStatusCode.OK, "the bot is listed");
        using (await daemon.Http.PostAsync("v1/launcher/stop/s1", null))
        {
        }

        using var response = await launch;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("stopped before it became ready", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(daemon.Launched());
    }
}
