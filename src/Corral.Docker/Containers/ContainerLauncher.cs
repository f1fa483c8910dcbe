using Corral.Docker.Engine;
using Corral.Processes;

namespace Corral.Docker.Containers;

/// <summary>Creates and starts one labelled container on the host network from a launch spec: shared by bots and fleets.</summary>
internal static class ContainerLauncher
{
    public static async Task<ContainerBot> StartAsync(
        DockerClient docker,
        string containerName,
        string image,
        LaunchSpec spec,
        bool useCommand,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<string>? binds,
        CancellationToken cancel)
    {
        await EngineUnits.EnsureImageAsync(docker, image, spec.DisplayName, cancel).ConfigureAwait(false);
        var request = new ContainerCreateRequest(
            image,
            useCommand ? spec.Command : null,
            EngineUnits.Environment(spec),
            labels,
            Signals.SignalNumbers.Name(spec.StopSignal),
            (int)Math.Ceiling(spec.StopGrace.TotalSeconds),
            new HostConfig("host", binds));
        var id = await docker.CreateContainerAsync(containerName, request, cancel).ConfigureAwait(false);
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        try
        {
            await docker.StartContainerAsync(id, cancel).ConfigureAwait(false);
            var container = await docker.InspectContainerAsync(id, cancel).ConfigureAwait(false)
                ?? throw new DockerException(404, $"Container {id} of {spec.DisplayName} vanished right after it started.");
            return new ContainerBot(docker, container, spec, adopted: false, since);
        }
        catch
        {
            await docker.RemoveContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
