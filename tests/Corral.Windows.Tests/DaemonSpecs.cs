using System.Net;
using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>The bot manager on Windows (corral.exe serve under Wine): launch, list with descendants, stop with proof.</summary>
public sealed class DaemonSpecs
{
    [WineFact(Timeout = 300_000)]
    public async Task A_bot_is_launched_listed_with_its_child_and_stopped_whole()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        var port = new Corral.Ports.PortAllocator().Allocate();
        File.WriteAllText(folder.File("corral.yaml"), $$"""
            strategy: local
            state: "state.db"
            types:
              pinger:
                command: ["cmd", "/c", "ping -n {{marker}} 127.0.0.1"]
                stop: { grace: 1s }
            """);
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            corral = Wine.Start(folder.Path, output, "serve", "--listen", $"127.0.0.1:{port}", "--config", "corral.yaml");
            await Wine.UntilAsync(() => Wine.AnswersHealth(http), "the daemon answers /healthz\n" + output);

            using var launched = await http.PostAsync("v1/launcher/launch", Json("""{"bot_name": "p1", "bot_type": "pinger"}"""));
            Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
            await Wine.UntilAsync(() => ChildProcesses(http) == 1, "the bot's ping child is counted");

            using var stopped = await http.PostAsync("v1/launcher/stop/p1", null);
            var report = JsonDocument.Parse(await stopped.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
            Assert.True(report.GetProperty("proven_empty").GetBoolean());
            Assert.Equal(2, report.GetProperty("signalled").GetArrayLength());
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }

    [WineFact(Timeout = 300_000)]
    public async Task Keep_bots_is_refused_because_every_job_ends_with_the_daemon()
    {
        using var folder = new TempFolder("corral-wine-");
        File.WriteAllText(folder.File("corral.yaml"), "strategy: local\nstate: \"state.db\"\ntypes: {}\n");
        var output = new StringBuilder();
        using var corral = Wine.Start(folder.Path, output, "serve", "--keep-bots", "--listen", $"127.0.0.1:{new Corral.Ports.PortAllocator().Allocate()}", "--config", "corral.yaml");

        Assert.NotEqual(0, await Wine.ExitCodeAsync(corral));
        Assert.Contains("--keep-bots cannot work on Windows", output.ToString(), StringComparison.Ordinal);
    }

    private static int ChildProcesses(HttpClient http) =>
        JsonDocument.Parse(http.GetStringAsync("v1/bots/p1").GetAwaiter().GetResult()).RootElement.GetProperty("child_processes").GetInt32();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
