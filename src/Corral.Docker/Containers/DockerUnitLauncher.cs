using System.Globalization;
using Corral.Docker.Engine;
using Corral.Execution;
using Corral.Fleet;
using Corral.Processes;

namespace Corral.Docker.Containers;

/// <summary><c>strategy: docker</c> in a fleet file: each replica a labelled container, stopped and removed at teardown.</summary>
public sealed class DockerUnitLauncher(DockerClient docker) : IUnitLauncher
{
    public async Task<IFleetUnit> StartAsync(ProcessSpec process, LaunchSpec launch, CancellationToken cancel)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"corral-{Environment.ProcessId}-{process.Name}-{launch.Replica}");
        var labels = EngineUnits.Labels(process.Name);
        foreach (var stale in await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={ProcessLauncher.OwnerId}", cancel).ConfigureAwait(false))
        {
            if (stale.Names.Any(n => n.TrimStart('/') == name))
            {
                await docker.RemoveContainerAsync(stale.Id, cancel).ConfigureAwait(false);
            }
        }

        return await ContainerLauncher.StartAsync(docker, name, process.Image!, launch, process.Command.Count > 0, labels, binds: null, cancel)
            .ConfigureAwait(false);
    }
}
