using Corral.Docker.Containers;
using Corral.Server.Tests.Support;

namespace Corral.Docker.Tests.Support;

/// <summary>Removes, by label, every service and container any daemon of the fixture created: tests leave none behind.</summary>
internal sealed class ContainerJanitor(Daemon daemon) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        using var docker = DockerEngine.Client();
        foreach (var owner in daemon.Owners)
        {
            foreach (var service in await docker.ListServicesAsync($"{DockerStrategy.OwnerLabel}={owner}"))
            {
                await docker.RemoveServiceAsync(service.ID);
            }

            foreach (var container in await docker.ListContainersAsync($"{DockerStrategy.OwnerLabel}={owner}"))
            {
                await docker.RemoveContainerAsync(container.Id);
            }
        }
    }
}
