using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corral.Docker.Containers;
using Corral.Docker.Tests.Support;
using Corral.Server.Api;
using Corral.Server.Tests.Support;
using Corral.Signals;
using Corral.Contracts;

namespace Corral.Docker.Tests;

/// <summary>strategy: docker through the same API and the same curl round trip as local bots, against a real engine.</summary>
public sealed class DockerStrategySpecs
{
    private const string Config = """
        strategy: docker
        types:
          web:
            image: corral-test:latest
            command: ["sh", "-c", "echo starting {name}; sleep 100000 & exec httpd -f -p 127.0.0.1:{port} -h /www"]
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status", timeout: 30s }
            stop: { grace: 1s }
          crasher:
            image: corral-test:latest
            command: ["sh", "-c", "echo cannot start: no database; exit 3"]
            readiness: { tcp: "127.0.0.1:1", timeout: 30s }
          ghost:
            image: corral-missing:none
            command: ["true"]
        """;

    [DockerFact(Timeout = 180_000)]
    public async Task A_container_bot_is_launched_listed_with_its_processes_logged_and_removed_on_stop()
    {
        await using var daemon = await StartAsync();
        await using var janitor = new ContainerJanitor(daemon);
        using var docker = DockerEngine.Client();

        using var launched = await daemon.LaunchAsync("d1", "web", new { a = 1 }, waitReady: true);
        await daemon.UntilAsync(async () => (await daemon.GetAsync("d1")).ChildProcesses == 1, "only the sleeper runs beside httpd");
        var bot = await daemon.GetAsync("d1");
        var logs = await daemon.Http.GetStringAsync("v1/bots/d1/logs?tail=10");
        var container = (await docker.ListContainersAsync($"{DockerStrategy.NameLabel}=d1")).Single();
        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/d1", null);
        var report = (await stopped.Content.ReadFromJsonAsync<StopReportDto>(Daemon.Json))!;

        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        Assert.Equal("running", bot.Status);
        Assert.Equal(1, bot.ChildProcesses);
        Assert.StartsWith("docker:", bot.Unit, StringComparison.Ordinal);
        Assert.Contains("starting d1", logs, StringComparison.Ordinal);
        Assert.Equal(daemon.Owner.ToString(), container.Labels![DockerStrategy.OwnerLabel]);
        Assert.Equal("web", container.Labels[DockerStrategy.TypeLabel]);
        Assert.True(report.ProvenEmpty);
        Assert.Equal(2, report.Signalled.Count);
        Assert.Null(await docker.InspectContainerAsync(container.Id));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_restarted_daemon_re_adopts_its_containers()
    {
        await using var daemon = await StartAsync();
        await using var janitor = new ContainerJanitor(daemon);
        using (await daemon.LaunchAsync("keep", "web", waitReady: true))
        {
        }

        var before = await daemon.GetAsync("keep");
        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        await daemon.StartAgainAsync();
        await daemon.UntilAsync(async () => (await daemon.GetAsync("keep")).ChildProcesses == 1, "the adopted container shows its sleeper");
        var after = await daemon.GetAsync("keep");

        Assert.Equal(before.Unit, after.Unit);
        Assert.Equal("running", after.Status);
        Assert.True(after.Adopted);
        Assert.Equal(1, after.ChildProcesses);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_missing_image_and_a_container_that_exits_at_once_are_clear_errors()
    {
        await using var daemon = await StartAsync();
        await using var janitor = new ContainerJanitor(daemon);

        using var ghost = await daemon.LaunchAsync("g1", "ghost");
        using var crasher = await daemon.LaunchAsync("c1", "crasher", waitReady: true);

        Assert.Equal(HttpStatusCode.InternalServerError, ghost.StatusCode);
        Assert.Contains("never pulls", await ghost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, crasher.StatusCode);
        var problem = await crasher.Content.ReadAsStringAsync();
        Assert.Contains("exited with code 3", problem, StringComparison.Ordinal);
        Assert.Contains("cannot start: no database", problem, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Sweep_orphans_removes_the_containers_of_a_daemon_that_died()
    {
        await using var daemon = await StartAsync();
        await using var janitor = new ContainerJanitor(daemon);
        using (await daemon.LaunchAsync("left", "web", waitReady: true))
        {
        }

        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        using var docker = DockerEngine.Client();
        Assert.Single(await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={daemon.Owner}"));

        using var sweep = Process.Start(new ProcessStartInfo(Daemon.Binary, ["sweep", "--orphans", "--json"]) { RedirectStandardOutput = true })!;
        var output = await sweep.StandardOutput.ReadToEndAsync();
        await sweep.WaitForExitAsync();

        Assert.Equal(0, sweep.ExitCode);
        Assert.Contains("corral-left", JsonDocument.Parse(output).RootElement.GetProperty("removed_containers").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={daemon.Owner}"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Without_an_engine_serve_says_how_to_start_one()
    {
        using var folder = new TempFolder("corral-docker-");
        var directory = folder.Path;
        File.WriteAllText(Path.Combine(directory, "corral.yaml"), Config);
        var info = new ProcessStartInfo(Daemon.Binary, ["serve", "--config", Path.Combine(directory, "corral.yaml"), "--listen", "127.0.0.1:9"])
        {
            RedirectStandardError = true,
        };
        info.Environment["DOCKER_HOST"] = "unix://" + Path.Combine(directory, "no-engine.sock");
        using var serve = Process.Start(info)!;
        var error = await serve.StandardError.ReadToEndAsync();
        await serve.WaitForExitAsync();

        Assert.NotEqual(0, serve.ExitCode);
        Assert.Contains("Cannot reach the Docker engine", error, StringComparison.Ordinal);
        Assert.Contains("dockerd", error, StringComparison.Ordinal);
    }

    private static async Task<Daemon> StartAsync() => await Daemon.StartAsync(Config);
}
