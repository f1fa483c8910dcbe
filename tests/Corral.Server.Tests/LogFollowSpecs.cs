using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>Following a bot's log delivers what it writes later, woken by the write itself.</summary>
public sealed class LogFollowSpecs
{
    [Fact(Timeout = 90_000)]
    public async Task A_follower_receives_a_line_written_after_it_started_following()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              late:
                command: [sh, -c, "echo early; while [ ! -e go ]; do sleep 0.05; done; echo written-later; exec sleep 100000"]
            """);
        using (await daemon.LaunchAsync("l1", "late"))
        {
        }

        using var response = await daemon.Http.GetAsync("v1/bots/l1/logs?tail=10&follow=true", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("early", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        // Only now does the bot write its second line (it runs in the folder of corral.yaml).
        await File.WriteAllTextAsync(Path.Combine(daemon.Directory, "go"), "");

        Assert.Equal("written-later", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
