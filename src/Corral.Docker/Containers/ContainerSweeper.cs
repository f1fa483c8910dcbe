using Corral.Docker.Engine;
using Corral.Sweep;

namespace Corral.Docker.Containers;

/// <summary>Corral's containers on the engine, and the removal of those whose owner is gone (for sweep and doctor).</summary>
public static class ContainerSweeper
{
    public sealed record CorralContainer(string Id, string Name, string Owner, string? Bot, bool OwnerAlive);

    /// <summary>Every container labelled <c>corral.owner</c>; null when no engine answers (sweeping then skips containers).</summary>
    public static async Task<IReadOnlyList<CorralContainer>?> FindAsync(DockerClient docker, CancellationToken cancel = default)
    {
        try
        {
            var containers = await docker.ListContainersAsync(DockerStrategy.OwnerLabel, cancel).ConfigureAwait(false);
            return containers.Select(c =>
            {
                var owner = c.Labels?.GetValueOrDefault(DockerStrategy.OwnerLabel) ?? "";
                return new CorralContainer(c.Id, c.Names.FirstOrDefault()?.TrimStart('/') ?? c.Id, owner, c.Labels?.GetValueOrDefault(DockerStrategy.NameLabel), Adoptions.IsHeld(owner));
            }).ToList();
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
            await docker.RemoveContainerAsync(container.Id, cancel).ConfigureAwait(false);
        }
    }
}
