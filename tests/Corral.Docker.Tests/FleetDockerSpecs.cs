using System.Diagnostics;
using Corral.Docker.Containers;
using Corral.Docker.Tests.Support;
using Corral.Processes;
using Corral.Server.Tests.Support;
using Corral.Signals;

namespace Corral.Docker.Tests;

/// <summary>`corral up` with processes of strategy docker: containers start in order, get probed and never outlive the fleet.</summary>
public sealed class FleetDockerSpecs
{
    private const string Fleet = """
        processes:
          web:
            strategy: docker
            image: corral-test:latest
            command: ["sh", "-c", "echo web {replica} up; exec httpd -f -p 127.0.0.1:{port} -h /www"]
            replicas: 2
            port: auto
            readiness: { http: "http://127.0.0.1:{port}/status" }
            stop: { grace: 1s }
          client:
            command: ["sleep", "100000"]
            depends_on: [web]
        """;

    [DockerFact(Timeout = 180_000)]
    public async Task A_mixed_fleet_runs_its_test_and_leaves_no_container()
    {
        using var folder = new TempFolder("corral-fleet-");
        var fleet = WriteFleet(folder);
        using var up = Start("up", fleet, "--", "sh", "-c", "curl -fsS http://127.0.0.1:$CORRAL_PORT_WEB_1/status && exit 4");
        var owner = ProcessTable.Get(up.Id)?.Id;
        try
        {
            await up.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

            Assert.Equal(4, up.ExitCode);
            using var docker = DockerEngine.Client();
            Assert.Empty(await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={owner}"));
        }
        finally
        {
            await CleanupAsync(up, owner);
        }
    }

    [DockerFact(Timeout = 180_000)]
    public async Task After_sigkill_of_up_sweep_orphans_removes_its_containers()
    {
        using var folder = new TempFolder("corral-fleet-");
        var fleet = WriteFleet(folder);
        using var up = Start("up", fleet);
        var owner = ProcessTable.Get(up.Id)!.Id;
        using var docker = DockerEngine.Client();
        try
        {
            for (var i = 0; i < 600 && (await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={owner}")).Count < 2; i++)
            {
                await Task.Delay(100);
            }

            ProcessSignaller.Send(owner, Signal.Kill);
            await up.WaitForExitAsync();
            Assert.Equal(2, (await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={owner}")).Count);

            using var sweep = Start("sweep", "--orphans");
            await sweep.WaitForExitAsync();

            Assert.Equal(0, sweep.ExitCode);
            Assert.Empty(await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={owner}"));
        }
        finally
        {
            await CleanupAsync(up, owner);
        }
    }

    private static string WriteFleet(TempFolder folder)
    {
        var path = folder.File("fleet.yaml");
        File.WriteAllText(path, Fleet);
        return path;
    }

    private static Process Start(params string[] args) =>
        Process.Start(new ProcessStartInfo(Daemon.Binary, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;

    private static async Task CleanupAsync(Process up, ProcessId? owner)
    {
        if (!up.HasExited)
        {
            up.Kill();
            await up.WaitForExitAsync();
        }

        if (owner is null)
        {
            return;
        }

        using var docker = DockerEngine.Client();
        foreach (var container in await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={owner}"))
        {
            await docker.RemoveContainerAsync(container.Id);
        }

        await Corral.Sweep.Sweeper.KillOwnerAsync(owner.ToString()!);
    }
}
