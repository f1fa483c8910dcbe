using Corral.Docker.Engine;
using Corral.Execution;

namespace Corral.Docker.Containers;

/// <summary>Creates and starts one labelled container on the host network from a unit request: bots and fleet replicas alike.</summary>
internal static class ContainerLauncher
{
    public static async Task<ContainerUnit> StartAsync(DockerClient docker, UnitRequest unit, CancellationToken cancel)
    {
        var spec = unit.Launch;
        var image = unit.Process.Image ?? throw new Exceptions.LaunchException($"{spec.DisplayName}: strategy docker needs an image.");
        await EngineUnits.EnsureImageAsync(docker, image, spec.DisplayName, cancel).ConfigureAwait(false);
        var request = new ContainerCreateRequest(
            image,
            unit.Process.Command.Count > 0 ? spec.Command : null,
            EngineUnits.Environment(spec, unit.Files, mounted: true),
            EngineUnits.Labels(spec.Name, unit.Kind),
            Signals.SignalNumbers.Name(spec.StopSignal),
            (int)Math.Ceiling(spec.StopGrace.TotalSeconds),
            new HostConfig("host", unit.Files.Count == 0 ? null : unit.Files.Select(f => $"{f.HostPath}:{f.ContainerPath}:ro").ToList())
            {
                Memory = spec.Limits?.MemoryBytes,
                MemorySwap = spec.Limits?.MemoryBytes,
                NanoCpus = spec.Limits?.Cpus is { } cpus ? (long)(cpus * 1e9) : null,
                PidsLimit = spec.Limits?.Pids,
            });
        var id = await docker.CreateContainerAsync(EngineUnits.ContainerName(unit), request, cancel).ConfigureAwait(false);
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        try
        {
            await docker.StartContainerAsync(id, cancel).ConfigureAwait(false);
            var container = await docker.InspectContainerAsync(id, cancel).ConfigureAwait(false)
                ?? throw new DockerException(404, $"Container {id} of {spec.DisplayName} vanished right after it started.");
            return new ContainerUnit(docker, container, spec, adopted: false, since);
        }
        catch
        {
            await docker.RemoveContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
