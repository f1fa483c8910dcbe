using Corral.Config;
using Corral.Containment;
using Corral.Docker.Engine;
using Corral.Processes;
using Corral.Server.Bots;
using Corral.Server.Execution;
using Corral.Server.State;

namespace Corral.Docker.Containers;

/// <summary>
/// <c>strategy: docker</c>: each bot is a container from its type's image on the host network, labelled with its owner,
/// name and type so a restarted daemon re-adopts it and a sweep can remove it once its owner is gone.
/// </summary>
public sealed class DockerStrategy(DockerClient docker, BotLaunchSpecs specs) : IExecutionStrategy
{
    public const string LocationPrefix = "docker:";
    public const string OwnerLabel = "corral.owner";
    public const string NameLabel = "corral.name";
    public const string TypeLabel = "corral.type";

    /// <summary>Where a bot's config file appears inside its container.</summary>
    public const string ConfigMount = "/run/corral/config.json";

    private readonly ProcessLauncher probes = new(ContainmentProvider.Detect());

    public string Name => "docker";

    public string Containment => "container";

    public ProcessLauncher ProbeLauncher => probes;

    public static string ContainerName(string bot) => "corral-" + bot;

    public async Task<IRunningBot> StartAsync(Bot bot, BotTypeSpec type, CancellationToken cancel)
    {
        var spec = specs.Build(bot, type);
        await RemoveStaleAsync(bot.Name, cancel).ConfigureAwait(false);
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal) { ["CORRAL_CONFIG_FILE"] = ConfigMount };
        return await ContainerLauncher.StartAsync(
            docker,
            ContainerName(bot.Name),
            type.Image!,
            spec with { Environment = environment },
            type.Process.Command.Count > 0,
            EngineUnits.Labels(bot.Name, bot.Type),
            [$"{specs.ConfigFile(bot.Name)}:{ConfigMount}:ro"],
            cancel).ConfigureAwait(false);
    }

    public async Task<IRunningBot?> ReattachAsync(BotRecord record, Bot bot, BotTypeSpec? type, CancellationToken cancel)
    {
        if (ContainerId(record) is not { } id
            || await docker.InspectContainerAsync(id, cancel).ConfigureAwait(false) is not { State.Running: true } container)
        {
            return null;
        }

        var spec = type is null ? new LaunchSpec(bot.Name, []) { LogFile = bot.LogFile } : specs.Build(bot, type);
        Sweep.Adoptions.RecordIfForeign(container.Config.Labels?.GetValueOrDefault(OwnerLabel));

        return new ContainerBot(docker, container, spec, adopted: true, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public async Task<IReadOnlyList<int>> CleanupAsync(BotRecord record, CancellationToken cancel)
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

    private static string? ContainerId(BotRecord record) =>
        record.UnitLocation is { } location && location.StartsWith(LocationPrefix, StringComparison.Ordinal) ? location[LocationPrefix.Length..] : null;

    // A container of this bot left by a crash of an earlier daemon (or a failed start) would block the name.
    private async Task RemoveStaleAsync(string bot, CancellationToken cancel)
    {
        foreach (var stale in (await docker.ListContainersAsync($"{NameLabel}={bot}", cancel).ConfigureAwait(false))
            .Where(c => c.Labels?.ContainsKey("com.docker.swarm.service.id") != true))
        {
            await docker.RemoveContainerAsync(stale.Id, cancel).ConfigureAwait(false);
        }
    }
}
