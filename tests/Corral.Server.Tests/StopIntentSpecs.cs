using System.Net;
using Corral.Server.Hosting;
using Corral.Server.Tests.Support;
using Corral.Signals;

namespace Corral.Server.Tests;

/// <summary>The intent to stop is written before the stop: a daemon killed during it finishes it when it comes back.</summary>
public sealed class StopIntentSpecs
{
    /// <param name="pausedBeforeSignal">Kill the daemon while its stop shows "stopping" but has sent nothing yet
    /// (held there by a fault point), instead of during the grace after SIGTERM.</param>
    [Theory(Timeout = 180_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_daemon_killed_during_a_stop_finishes_it_instead_of_restarting_the_bot(bool pausedBeforeSignal)
    {
        var faults = pausedBeforeSignal ? new Dictionary<string, string> { [FaultPoints.Variable] = FaultPoints.BeforeStopSignal + ":30000" } : [];
        await using var daemon = await Daemon.StartAsync("""
            types:
              stubborn:
                command: [DUMMY, ignore-sigterm]
                readiness: { log: "ignoring SIGTERM" }
                stop: { grace: 5s }
                restart: { policy: always, backoff: 100ms }
            """, faults);
        using (await daemon.LaunchAsync("s1", "stubborn", waitReady: true))
        {
        }

        var stop = daemon.Http.PostAsync("v1/launcher/stop/s1", null);
        await daemon.UntilAsync(async () => (await daemon.GetAsync("s1")).Status == "stopping", "the stop has begun");
        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        try
        {
            using var _ = await stop;
        }
        catch (HttpRequestException)
        {
            // The daemon died under the request: expected.
        }

        daemon.Environment.Clear();
        await daemon.StartAgainAsync();

        await daemon.UntilAsync(async () => (await daemon.Http.GetAsync("v1/bots/s1")).StatusCode == HttpStatusCode.NotFound, "the stop is finished");
        Assert.Empty(daemon.Launched());
    }
}
