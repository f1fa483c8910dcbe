using Corral.Config;
using Corral.Containment;
using Corral.Docker.Containers;
using Corral.Docker.Engine;
using Corral.Exceptions;
using Corral.Processes;
using Corral.Server.Bots;
using Corral.Server.Execution;
using Corral.Server.State;
using Corral.Supervision;

namespace Corral.Docker.Swarm;

/// <summary>
/// <c>strategy: swarm</c>: each bot is a Swarm service with the type's replicas, restart policy mapped to Swarm's,
/// the stop grace as its stop_grace_period. Corral is the control plane; Swarm places the work and restarts tasks.
/// </summary>
public sealed class SwarmStrategy(DockerClient docker, BotLaunchSpecs specs) : IExecutionStrategy
{
    public const string LocationPrefix = "swarm:";

    private readonly ProcessLauncher probes = new(ContainmentProvider.Detect());

    public string Name => "swarm";

    public string Containment => "swarm service";

    public ProcessLauncher ProbeLauncher => probes;

    /// <summary>Refuses to serve unless this node can create services: say so at start, not at the first launch.</summary>
    public static async Task CheckManagerAsync(DockerClient docker)
    {
        var info = await docker.InfoAsync().ConfigureAwait(false);
        if (!info.Swarm.ControlAvailable)
        {
            throw new CorralException(info.Swarm.LocalNodeState == "active"
                ? "This Docker node is a swarm worker; strategy swarm needs a manager node (docker node promote, or run corral on a manager)."
                : "This Docker engine is not part of a swarm; strategy swarm needs a manager: docker swarm init --advertise-addr 127.0.0.1.");
        }
    }

    public async Task<IRunningBot> StartAsync(Bot bot, BotTypeSpec type, CancellationToken cancel)
    {
        var image = type.Image!;
        await EngineUnits.EnsureImageAsync(docker, image, $"{bot.Name} (type {bot.Type})", cancel).ConfigureAwait(false);
        var spec = specs.Build(bot, type);
        foreach (var stale in await docker.ListServicesAsync($"{DockerStrategy.NameLabel}={bot.Name}", cancel).ConfigureAwait(false))
        {
            await docker.RemoveServiceAsync(stale.ID, cancel).ConfigureAwait(false);
        }

        var labels = EngineUnits.Labels(bot.Name, bot.Type);

        // The config file lives on this host; a task may run on any node, so it gets the config as JSON only.
        var environment = EngineUnits.Environment(spec with
        {
            Environment = spec.Environment.Where(e => e.Key != "CORRAL_CONFIG_FILE").ToDictionary(StringComparer.Ordinal),
        });
        var service = new ServiceSpec(
            DockerStrategy.ContainerName(bot.Name),
            labels,
            new TaskTemplate(
                new ServiceContainerSpec(image, type.Process.Command.Count == 0 ? null : spec.Command, environment, labels,
                    spec.StopGrace.Ticks * 100, Signals.SignalNumbers.Name(spec.StopSignal)),
                RestartPolicy(type.Restart),
                [new ServiceNetwork("host")]),
            new ServiceMode(new ReplicatedMode(type.Process.Replicas)));
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var id = await docker.CreateServiceAsync(service, cancel).ConfigureAwait(false);
        return new ServiceBot(docker, id, spec, adopted: false, since);
    }

    public async Task<IRunningBot?> ReattachAsync(BotRecord record, Bot bot, BotTypeSpec? type, CancellationToken cancel)
    {
        if (ServiceId(record) is not { } id || await docker.InspectServiceAsync(id, cancel).ConfigureAwait(false) is not { } service)
        {
            return null;
        }

        Sweep.Adoptions.RecordIfForeign(service.Spec.Labels.GetValueOrDefault(DockerStrategy.OwnerLabel));

        var spec = type is null ? new LaunchSpec(bot.Name, []) { LogFile = bot.LogFile } : specs.Build(bot, type);
        return new ServiceBot(docker, id, spec, adopted: true, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public async Task<IReadOnlyList<int>> CleanupAsync(BotRecord record, CancellationToken cancel)
    {
        if (ServiceId(record) is { } id)
        {
            await docker.RemoveServiceAsync(id, cancel).ConfigureAwait(false);
        }

        return [];
    }

    public void Cleanup()
    {
    }

    // Corral's policies in Swarm's words: "none", "on-failure", "any"; backoff as the delay; max as max attempts.
    private static ServiceRestartPolicy RestartPolicy(RestartSpec restart) => new(
        restart.Policy switch
        {
            RestartPolicyKind.Always => "any",
            RestartPolicyKind.OnFailure => "on-failure",
            _ => "none",
        },
        restart.Backoff.Ticks * 100,
        restart.Policy == RestartPolicyKind.No ? null : restart.Max);

    private static string? ServiceId(BotRecord record) =>
        record.UnitLocation is { } location && location.StartsWith(LocationPrefix, StringComparison.Ordinal) ? location[LocationPrefix.Length..] : null;
}
