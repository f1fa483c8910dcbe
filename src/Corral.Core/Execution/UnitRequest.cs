using Corral.Fleet;
using Corral.Processes;
using Corral.Supervision;

namespace Corral.Execution;

/// <summary>
/// What a strategy is asked to start: the process as configured and its launch spec expanded for one replica
/// (ports, name, environment, log file). The same request serves a fleet replica and a daemon's bot.
/// </summary>
public sealed record UnitRequest(ProcessSpec Process, LaunchSpec Launch)
{
    /// <summary>Unique among the units of one engine (and of a Docker engine): names containers and services.</summary>
    public required string UnitName { get; init; }

    /// <summary>The registered type of a bot, labelled on containers; null for fleet processes.</summary>
    public string? Kind { get; init; }

    /// <summary>Host files the unit reads by path; a container sees each at its <see cref="FileMount.ContainerPath"/>.</summary>
    public IReadOnlyList<FileMount> Files { get; init; } = [];

    /// <summary>How to tell it is ready, expanded for this unit (ports filled in); null: running counts as ready.</summary>
    public Readiness.ProbeSpec? Readiness { get; init; }

    /// <summary>How to tell it is still alive once ready, expanded for this unit; null: not probed.</summary>
    public LivenessSpec? Liveness { get; init; }

    /// <summary>The restart policy, for engines that restart by themselves (Swarm); the lifecycle applies it elsewhere.</summary>
    public RestartSpec Restart { get; init; } = RestartSpec.Never;
}

/// <summary>A file given to a unit by path: mounted read-only into a container, its path in the environment rewritten.</summary>
public sealed record FileMount(string HostPath, string ContainerPath);
