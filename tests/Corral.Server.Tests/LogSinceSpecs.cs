using System.Globalization;
using System.Net;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary><c>since</c> leaves out what a bot wrote before a time: the API, a duration or a timestamp, and the CLI.</summary>
public sealed class LogSinceSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Only_what_was_written_after_the_time_asked_for_is_given()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              talker:
                command: [sh, -c, "echo old-line; echo old-error >&2; while [ ! -e go ]; do sleep 0.05; done; echo new-line; echo new-error >&2; exec sleep 100000"]
                readiness: { log: "old-error" }
            """);
        using (await daemon.LaunchAsync("t1", "talker", waitReady: true))
        {
        }

        // The timeline is kept to about a second: the cut lies well clear of both writes.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await File.WriteAllTextAsync(Path.Combine(daemon.Directory, "go"), "");
        await daemon.UntilAsync(
            async () => (await daemon.Http.GetStringAsync("v1/bots/t1/logs")).Contains("new-error", StringComparison.Ordinal), "the bot wrote its new lines");
        var at = Uri.EscapeDataString(cut.ToString("O", CultureInfo.InvariantCulture));

        Assert.Equal("new-line\nnew-error\n", await daemon.Http.GetStringAsync($"v1/bots/t1/logs?since={at}"));
        Assert.Equal("t1 | new-error\n", await daemon.Http.GetStringAsync($"v1/logs?since={at}&stream=stderr"));
        Assert.Equal("old-line\nnew-line\nold-error\nnew-error\n", await daemon.Http.GetStringAsync("v1/bots/t1/logs?since=1h"));
        var (code, output) = await ClientVerbSpecs.CorralAsync("logs", "t1", "--since", cut.ToString("O", CultureInfo.InvariantCulture), "--url", $"http://127.0.0.1:{daemon.Port}");
        Assert.Equal(0, code);
        Assert.Equal("new-line\nnew-error", output.Trim());

        using var bad = await daemon.Http.GetAsync("v1/bots/t1/logs?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("since must be a duration", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
