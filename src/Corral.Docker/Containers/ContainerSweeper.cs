using Corral.Docker.Engine;
using Corral.Sweep;

namespace Corral.Docker.Containers;

/// <summary>Corral's containers and Swarm services on the engine, and the removal of those whose owner is gone (sweep, doctor).</summary>
public static class ContainerSweeper
{
    public sealed record CorralContainer(string Id, string Name, string Owner, string? Bot, bool OwnerAlive, bool IsService = false);

    /// <summary>Every container labelled <c>corral.owner</c>; null when no engine answers (sweeping then skips containers).</summary>
    public static async Task<IReadOnlyList<CorralContainer>?> FindAsync(DockerClient docker, CancellationToken cancel = default)
    {
        try
        {
            var containers = await docker.ListContainersAsync(DockerStrategy.OwnerLabel, cancel).ConfigureAwait(false);
            var found = containers
                .Where(c => c.Labels?.ContainsKey("com.docker.swarm.service.id") != true)
                .Select(c =>
                {
                    var owner = c.Labels?.GetValueOrDefault(DockerStrategy.OwnerLabel) ?? "";
                    return new CorralContainer(c.Id, c.Names.FirstOrDefault()?.TrimStart('/') ?? c.Id, owner, c.Labels?.GetValueOrDefault(DockerStrategy.NameLabel), Adoptions.IsHeld(owner));
                })
                .ToList();
            if ((await docker.InfoAsync(cancel).ConfigureAwait(false)).Swarm.ControlAvailable)
            {
                // Task containers belong to their service: the service is what a sweep removes.
                found.AddRange((await docker.ListServicesAsync(DockerStrategy.OwnerLabel, cancel).ConfigureAwait(false)).Select(s =>
                {
                    var owner = s.Spec.Labels.GetValueOrDefault(DockerStrategy.OwnerLabel) ?? "";
                    return new CorralContainer(s.ID, s.Spec.Name, owner, s.Spec.Labels.GetValueOrDefault(DockerStrategy.NameLabel), Adoptions.IsHeld(owner), IsService: true);
                }));
            }

            return found;
        }
        catch (DockerException)
        {
            return null;
        }
    }

    public static async Task RemoveAsync(DockerClient docker, IEnumerable<CorralContainer> containers, CancellationToken cancel = default)
    {
        foreach (var container in containers)
        {
            if (container.IsService)
            {
                await docker.RemoveServiceAsync(container.Id, cancel).ConfigureAwait(false);
            }
            else
            {
                await docker.RemoveContainerAsync(container.Id, cancel).ConfigureAwait(false);
            }
        }
    }
}
