using Corral.Config;
using Corral.Docker.Containers;
using Corral.Docker.Engine;
using Corral.Docker.Swarm;
using Corral.Exceptions;
using Corral.Processes;
using Corral.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Cli.Commands;

/// <summary>Chooses the execution strategy once, at start, from corral.yaml; checks the engine is there before serving.</summary>
internal static class Strategies
{
    public static async Task<Func<IServiceProvider, IExecutionStrategy>?> CreateAsync(ServerConfig config)
    {
        switch (config.Strategy)
        {
            case "local":
                return null;
            case "docker":
                var docker = new DockerClient();
                await docker.InfoAsync().ConfigureAwait(false);
                return services => new DockerStrategy(docker, services.GetRequiredService<ProcessLauncher>());
            case "swarm":
                var manager = new DockerClient();
                await SwarmStrategy.CheckManagerAsync(manager).ConfigureAwait(false);
                return services => new SwarmStrategy(manager, services.GetRequiredService<ProcessLauncher>());
            default:
                throw new CorralException($"{config.Path}: unknown strategy '{config.Strategy}'; use local, docker or swarm.");
        }
    }
}
