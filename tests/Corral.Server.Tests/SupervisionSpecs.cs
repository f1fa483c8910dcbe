using System.Net;
using System.Net.Http.Headers;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>Restart policies, log rotation and token enforcement, against a real daemon.</summary>
public sealed class SupervisionSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task A_crashing_bot_is_restarted_by_its_policy_then_marked_failed()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              crasher:
                command: [DUMMY, exit-with, "3", "--after", "50"]
                restart: { policy: on-failure, max: 2, backoff: 100ms, max_backoff: 200ms }
            """);
        using var stream = await daemon.Http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(new StreamReader(await stream.Content.ReadAsStreamAsync()));

        using (await daemon.LaunchAsync("c1", "crasher"))
        {
        }

        await daemon.UntilAsync(async () => (await daemon.GetAsync("c1")).Status == "failed", "the crasher gives up");
        var bot = await daemon.GetAsync("c1");
        Assert.Equal(2, bot.Restarts);
        Assert.Equal(3, bot.ExitCode);
        var kinds = (await events.UntilAsync("failed")).Select(e => e.Kind).ToList();

        Assert.Equal(2, kinds.Count(k => k == "restarted"));
        Assert.Equal(3, kinds.Count(k => k == "exited"));
        Assert.Contains("\"reason\":\"exited\"", await daemon.Http.GetStringAsync("v1/bots/c1/inspect"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Logs_are_rotated_by_size_while_the_bot_writes_them()
    {
        await using var daemon = await Daemon.StartAsync("""
            logs: { max_size: 20KB, keep: 2 }
            types:
              chatty:
                command: [DUMMY, spam, "1000"]
            """);
        using (await daemon.LaunchAsync("talker", "chatty"))
        {
        }

        var log = (await daemon.GetAsync("talker")).LogFile;
        await daemon.UntilAsync(() => Task.FromResult(File.Exists(log + ".1")), "the log is rotated");
        await daemon.UntilAsync(() => Task.FromResult(new FileInfo(log).Length <= 20 * 1024), "the live log is below the limit");

        Assert.True(new FileInfo(log + ".1").Length > 20 * 1024);
        Assert.False(File.Exists(log + ".3"));
    }

    [Fact(Timeout = 180_000)]
    public async Task With_a_token_every_request_needs_it()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              sleeper:
                command: [sleep, "100000"]
            """, "--token", "s3cret");

        using var anonymous = await daemon.Http.GetAsync("v1/bots/");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "v1/bots/") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        using var wrongResponse = await daemon.Http.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "v1/bots/") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };
        using var rightResponse = await daemon.Http.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_daemon_refuses_a_non_loopback_address_without_a_token()
    {
        var directory = Directory.CreateTempSubdirectory("corral-daemon-").FullName;
        File.WriteAllText(Path.Combine(directory, "corral.yaml"), "types: {}\n");
        var info = new System.Diagnostics.ProcessStartInfo(Daemon.Binary, ["serve", "--config", Path.Combine(directory, "corral.yaml"), "--listen", "0.0.0.0:9"])
        {
            RedirectStandardError = true,
        };
        info.Environment.Remove("CORRAL_TOKEN");
        using var serve = System.Diagnostics.Process.Start(info)!;
        var error = await serve.StandardError.ReadToEndAsync();
        await serve.WaitForExitAsync();

        Assert.NotEqual(0, serve.ExitCode);
        Assert.Contains("without a token", error, StringComparison.Ordinal);
    }
}
