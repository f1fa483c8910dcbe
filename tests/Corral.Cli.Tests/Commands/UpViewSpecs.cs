using System.Net;
using System.Text.Json;
using Corral.Cli.Tests.Support;
using Corral.Ports;
using Corral.Signals;

namespace Corral.Cli.Tests.Commands;

/// <summary><c>corral up --listen</c>: the fleet it runs, watched through the daemon's read side and changed through none of it.</summary>
public sealed class UpViewSpecs
{
    private static readonly PortAllocator Ports = new();

    [Fact(Timeout = 120_000)]
    public async Task The_fleet_is_listed_streamed_and_scraped_read_only_while_it_runs()
    {
        using var fleet = new TempFleet("""
            processes:
              tree:
                command: [DUMMY, spawn-tree, "2"]
                replicas: 2
                readiness: { log: "tree of" }
            """);
        var port = Ports.Allocate();
        await using var corral = CorralRun.Start(fleet.Directory, "up", fleet.Path, "--listen", $"127.0.0.1:{port}");
        await corral.WaitForStderrAsync("all 2 process(es) ready");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var listing = JsonDocument.Parse(await http.GetStringAsync("v1/bots/"));
        var bots = listing.RootElement.GetProperty("bots").EnumerateArray().ToList();
        Assert.Equal(["tree#0", "tree#1"], bots.Select(b => b.GetProperty("bot_name").GetString()));
        Assert.All(bots, b => Assert.Equal("running", b.GetProperty("status").GetString()));
        Assert.All(bots, b => Assert.Equal(2, b.GetProperty("child_processes").GetInt32()));
        var metrics = await http.GetStringAsync("metrics");
        Assert.Contains("corral_bot_up{name=\"tree#0\",type=\"tree\",strategy=\"local\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("<title>Corral</title>", await http.GetStringAsync(""), StringComparison.Ordinal);
        using (var events = await http.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead))
        using (var reader = new StreamReader(await events.Content.ReadAsStreamAsync()))
        {
            Assert.Equal("event: snapshot", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        using var stop = await http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": true}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
        Assert.Equal(4 + 2, corral.Launched().Count);

        corral.Signal(Signal.Int);
        Assert.Equal(130, await corral.WaitForExitAsync());
        Assert.Empty(corral.Launched());
    }
}
