using Corral.Containment;
using Corral.Docker.Engine;
using Corral.Execution;
using Corral.Processes;

namespace Corral.Docker.Containers;

/// <summary>
/// <c>strategy: docker</c>: each unit (a bot, or a replica of a fleet process) is a container from its image on the
/// host network, labelled with its owner, name and type so a restarted corral re-adopts it and a sweep can remove
/// it once its owner is gone.
/// </summary>
public sealed class DockerStrategy(DockerClient docker, ProcessLauncher probes) : IExecutionStrategy
{
    public const string LocationPrefix = "docker:";
    public const string OwnerLabel = "corral.owner";
    public const string NameLabel = "corral.name";
    public const string TypeLabel = "corral.type";

    public string Name => "docker";

    public string Containment => "container";

    public ProcessLauncher ProbeLauncher => probes;

    // Container names are fixed by the unit's name: a corral killed before it recorded the container finds it by name.
    public UnitRecord Plan(UnitRequest request)
    {
        var name = EngineUnits.ContainerName(request);
        return new UnitRecord(request.UnitName, null, null, name, LocationPrefix + name, null, request.Launch.LogFile);
    }

    public async Task<IUnitHandle> StartAsync(UnitRequest request, CancellationToken cancel)
    {
        await RemoveStaleAsync(request, cancel).ConfigureAwait(false);
        return await ContainerLauncher.StartAsync(docker, request, cancel).ConfigureAwait(false);
    }

    public async Task<IUnitHandle?> ReattachAsync(UnitRecord record, UnitRequest? request, CancellationToken cancel)
    {
        if (ContainerId(record) is not { } id
            || await docker.InspectContainerAsync(id, cancel).ConfigureAwait(false) is not { State.Running: true } container)
        {
            return null;
        }

        var spec = request?.Launch ?? new LaunchSpec(record.Name, []) { LogFile = record.LogFile };
        Sweep.Adoptions.RecordIfForeign(container.Config.Labels?.GetValueOrDefault(OwnerLabel), container.Id);

        return new ContainerUnit(docker, container, spec, adopted: true, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public async Task<IReadOnlyList<int>> CleanupAsync(UnitRecord record, CancellationToken cancel)
    {
        if (ContainerId(record) is { } id)
        {
            await docker.RemoveContainerAsync(id, cancel).ConfigureAwait(false);
        }

        return [];
    }

    public void Cleanup()
    {
    }

    private static string? ContainerId(UnitRecord record) =>
        record.Location is { } location && location.StartsWith(LocationPrefix, StringComparison.Ordinal) ? location[LocationPrefix.Length..] : null;

    // A container of this unit left by a crash of an earlier corral (or a failed start) would block the name.
    private async Task RemoveStaleAsync(UnitRequest request, CancellationToken cancel)
    {
        var name = EngineUnits.ContainerName(request);
        foreach (var stale in (await docker.ListContainersAsync($"{NameLabel}={request.Launch.Name}", cancel).ConfigureAwait(false))
            .Where(c => c.Labels?.ContainsKey("com.docker.swarm.service.id") != true && c.Names.Any(n => n.TrimStart('/') == name)))
        {
            await docker.RemoveContainerAsync(stale.Id, cancel).ConfigureAwait(false);
        }
    }
}
