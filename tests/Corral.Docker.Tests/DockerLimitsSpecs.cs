using System.Net;
using System.Net.Http.Json;
using Corral.Contracts;
using Corral.Docker.Tests.Support;
using Corral.Server.Tests.Support;

namespace Corral.Docker.Tests;

/// <summary>A bot type's limits become its container's (memory, CPUs, process count), against a real engine.</summary>
public sealed class DockerLimitsSpecs
{
    private const string Config = """
        strategy: docker
        types:
          bomb:
            image: corral-test:latest
            command: ["sh", "-c", "echo forking; (while true; do sleep 1000 & done) 2>/dev/null & exec sleep 100000"]
            limits: { pids: 20, cpus: 0.5 }
            stop: { grace: 1s }
          spinner:
            image: corral-test:latest
            command: ["sh", "-c", "while :; do :; done"]
            limits: { cpus: 0.2 }
            stop: { grace: 1s }
          hog:
            image: corral-test:latest
            command: ["sh", "-c", "echo allocating; exec dd if=/dev/zero of=/dev/null bs=96M count=1"]
            limits: { memory: 32MB }
        """;

    [DockerFact(Timeout = 180_000)]
    public async Task A_fork_bomb_under_pids_20_cannot_pass_20_processes_and_is_stopped_cleanly()
    {
        await using var daemon = await Daemon.StartAsync(Config);
        await using var janitor = new ContainerJanitor(daemon);

        using (await daemon.LaunchAsync("b1", "bomb"))
        {
        }

        // The forking subshell dies at the limit (busybox's sh gives up when a fork fails); what it started stays.
        await daemon.UntilAsync(async () => (await daemon.GetAsync("b1")).ChildProcesses >= 15, "the bomb fills its process limit");
        var counts = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            counts.Add((await daemon.GetAsync("b1")).ChildProcesses + 1);
            await Task.Delay(100);
        }

        // The refused forks are reported while it runs: it keeps running.
        await daemon.UntilAsync(
            async () => (await daemon.GetAsync("b1")).LastError?.StartsWith("pids limit (20) reached: ", StringComparison.Ordinal) == true,
            "the refused forks are reported");
        Assert.Equal("running", (await daemon.GetAsync("b1")).Status);

        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/b1", null);
        var report = (await stopped.Content.ReadFromJsonAsync<StopReportDto>(Daemon.Json))!;

        Assert.All(counts, count => Assert.InRange(count, 1, 20));
        Assert.True(report.ProvenEmpty);
        Assert.Empty(await DockerEngine.Client().ListContainersAsync($"{Containers.DockerStrategy.NameLabel}=b1"));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_busy_loop_under_cpus_0_2_gets_about_a_fifth_of_a_core()
    {
        await using var daemon = await Daemon.StartAsync(Config);
        await using var janitor = new ContainerJanitor(daemon);
        using (await daemon.LaunchAsync("c1", "spinner"))
        {
        }

        // CPU time over a few seconds of wall time, read from the container's own cgroup (generous bounds: a noisy machine).
        var container = (await daemon.GetAsync("c1")).Unit!["docker:".Length..];
        var first = CpuSeconds(container);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var share = (CpuSeconds(container) - first) / clock.Elapsed.TotalSeconds;

        Assert.InRange(share, 0.08, 0.35);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_container_that_allocates_past_its_memory_limit_is_reported_killed_out_of_memory()
    {
        await using var daemon = await Daemon.StartAsync(Config);
        await using var janitor = new ContainerJanitor(daemon);

        using (await daemon.LaunchAsync("h1", "hog"))
        {
        }

        await daemon.UntilAsync(async () => (await daemon.GetAsync("h1")).Status is "exited" or "failed", "the hog ends");
        var bot = await daemon.GetAsync("h1");
        var detail = (await daemon.Http.GetFromJsonAsync<BotDetailDto>("v1/bots/h1/inspect", Daemon.Json))!;

        Assert.Equal("killed: out of memory, limit 32MB", bot.LastError);
        Assert.Equal("killed: out of memory, limit 32MB", Assert.Single(detail.Exits).Reason);
        Assert.Equal(137, bot.ExitCode);
    }

    // cgroup v1 (cpuacct.usage, ns) or v2 (cpu.stat usage_usec), wherever the engine put the container's cgroup.
    private static double CpuSeconds(string container)
    {
        string[] v1 = [$"/sys/fs/cgroup/cpuacct/docker/{container}/cpuacct.usage", $"/sys/fs/cgroup/cpu,cpuacct/docker/{container}/cpuacct.usage"];
        string[] v2 = [$"/sys/fs/cgroup/system.slice/docker-{container}.scope/cpu.stat", $"/sys/fs/cgroup/docker/{container}/cpu.stat"];
        if (v1.FirstOrDefault(File.Exists) is { } usage)
        {
            return long.Parse(File.ReadAllText(usage).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1e9;
        }

        var stat = v2.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"no cgroup CPU counter found for container {container}");
        var line = File.ReadAllLines(stat).Single(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
        return long.Parse(line["usage_usec ".Length..], System.Globalization.CultureInfo.InvariantCulture) / 1e6;
    }
}
