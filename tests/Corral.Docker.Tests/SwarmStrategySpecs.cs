using System.Net;
using System.Net.Http.Json;
using System.Text;
using Corral.Docker.Containers;
using Corral.Docker.Tests.Support;
using Corral.Server.Api;
using Corral.Server.Tests.Support;
using Corral.Signals;
using Corral.Contracts;

namespace Corral.Docker.Tests;

/// <summary>strategy: swarm: a bot type with replicas is a service; listing shows its tasks; it scales; stop waits for every task.</summary>
public sealed class SwarmStrategySpecs
{
    private const string Config = """
        strategy: swarm
        types:
          worker:
            image: corral-test:latest
            command: ["sh", "-c", "echo worker {name} up; sleep 100000 & exec sleep 100000"]
            replicas: 3
            stop: { grace: 1s }
            restart: { policy: on-failure, max: 3, backoff: 1s }
        """;

    [SwarmFact(Timeout = 180_000)]
    public async Task A_service_bot_runs_its_replicas_scales_and_stop_leaves_no_task()
    {
        await using var daemon = await Daemon.StartAsync(Config);
        await using var janitor = new ContainerJanitor(daemon);
        using var docker = DockerEngine.Client();

        using var launched = await daemon.LaunchAsync("s1", "worker");
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        await daemon.UntilAsync(async () => (await daemon.GetAsync("s1")).Tasks?.Count(t => t.State == "running") == 3, "three tasks run");
        var bot = await daemon.GetAsync("s1");
        var service = (await docker.ListServicesAsync($"{DockerStrategy.NameLabel}=s1")).Single();

        using var scaled = await daemon.Http.PostAsync("v1/launcher/scale/s1", new StringContent("{\"replicas\": 1}", Encoding.UTF8, "application/json"));
        await daemon.UntilAsync(async () => (await daemon.GetAsync("s1")).Tasks?.Count(t => t.State == "running") == 1, "one task runs");
        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/s1", null);
        var report = (await stopped.Content.ReadFromJsonAsync<StopReportDto>(Daemon.Json))!;

        Assert.StartsWith("swarm:", bot.Unit, StringComparison.Ordinal);
        Assert.All(bot.Tasks!, t => Assert.False(string.IsNullOrEmpty(t.Node)));
        Assert.Equal(daemon.Owner.ToString(), service.Spec.Labels[DockerStrategy.OwnerLabel]);
        Assert.Equal(1_000_000_000, service.Spec.TaskTemplate.ContainerSpec.StopGracePeriod);
        Assert.Equal("on-failure", service.Spec.TaskTemplate.RestartPolicy.Condition);
        Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        Assert.True(report.ProvenEmpty);
        Assert.Null(await docker.InspectServiceAsync(service.ID));
        Assert.Empty(await docker.ListContainersAsync($"com.docker.swarm.service.id={service.ID}"));
    }

    [SwarmFact(Timeout = 180_000)]
    public async Task Limits_and_a_restarting_liveness_probe_become_the_service_s_resources_and_health_check()
    {
        await using var daemon = await Daemon.StartAsync("""
            strategy: swarm
            types:
              checked:
                image: corral-test:latest
                command: ["sh", "-c", "exec httpd -f -p 127.0.0.1:{port} -h /www"]
                port: auto
                limits: { memory: 64MB, cpus: 0.5, pids: 30 }
                liveness: { http: "http://127.0.0.1:{port}/status", interval: 2s, attempt_timeout: 1s, failure_threshold: 4 }
                stop: { grace: 1s }
            """);
        await using var janitor = new ContainerJanitor(daemon);
        using var docker = DockerEngine.Client();

        using (await daemon.LaunchAsync("c1", "checked"))
        {
        }

        var port = (await daemon.GetAsync("c1")).Ports.Single();
        var spec = (await docker.ListServicesAsync($"{DockerStrategy.NameLabel}=c1")).Single().Spec.TaskTemplate;
        using (await daemon.Http.PostAsync("v1/launcher/stop/c1", null))
        {
        }

        Assert.Equal(new Engine.ServiceResourceLimits(64L * 1024 * 1024, 500_000_000, 30), spec.Resources!.Limits);
        var health = spec.ContainerSpec.HealthCheck!;
        Assert.Equal(["CMD-SHELL", $"wget -q -O /dev/null 'http://127.0.0.1:{port}/status' || curl -fsS -o /dev/null 'http://127.0.0.1:{port}/status'"], health.Test);
        Assert.Equal((2_000_000_000L, 1_000_000_000L, 4), (health.Interval, health.Timeout, health.Retries));
    }

    [SwarmFact(Timeout = 180_000)]
    public async Task A_restarted_daemon_re_adopts_its_services()
    {
        await using var daemon = await Daemon.StartAsync(Config);
        await using var janitor = new ContainerJanitor(daemon);
        using (await daemon.LaunchAsync("keep", "worker"))
        {
        }

        var unit = (await daemon.GetAsync("keep")).Unit;
        daemon.Signal(Signal.Kill);
        await daemon.WaitForExitAsync();
        await daemon.StartAgainAsync();
        var after = await daemon.GetAsync("keep");

        Assert.Equal(unit, after.Unit);
        Assert.True(after.Adopted);
        Assert.Equal("running", after.Status);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Scaling_a_bot_that_is_not_a_service_is_a_409()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              sleeper:
                command: [sleep, "100000"]
            """);
        using (await daemon.LaunchAsync("one", "sleeper"))
        {
        }

        using var scaled = await daemon.Http.PostAsync("v1/launcher/scale/one", new StringContent("{\"replicas\": 2}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, scaled.StatusCode);
        Assert.Contains("strategy swarm", await scaled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
