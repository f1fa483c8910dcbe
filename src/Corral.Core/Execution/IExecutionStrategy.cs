using Corral.Processes;

namespace Corral.Execution;

/// <summary>
/// The one seam between the lifecycle engine and what runs units: local processes, Docker containers, Swarm
/// services. The engine decides (readiness, restarts, state); a strategy only starts, finds again and cleans up.
/// </summary>
public interface IExecutionStrategy
{
    /// <summary><c>local</c>, <c>docker</c> or <c>swarm</c>.</summary>
    string Name { get; }

    /// <summary>What holds a unit here, for health and inspect (<c>cgroup</c>, <c>session</c>, <c>container</c>).</summary>
    string Containment { get; }

    /// <summary>Runs exec readiness probes on this host.</summary>
    ProcessLauncher ProbeLauncher { get; }

    /// <summary>True when the engine runs the request's liveness probe itself (a Swarm health check); then corral does not.</summary>
    bool ProbesLivenessItself(UnitRequest request) => false;

    /// <summary>
    /// Where the unit of <paramref name="request"/> will live (its cgroup, container or service name), chosen before
    /// anything runs: a caller records it first, so a corral killed between the start and its record of the start
    /// finds what was started there and removes it. <see cref="StartAsync"/> uses what this returned.
    /// </summary>
    UnitRecord Plan(UnitRequest request);

    /// <summary>Starts the unit; a request with <see cref="LaunchSpec.UnitId"/> set starts it where <see cref="Plan"/> said.</summary>
    Task<IUnitHandle> StartAsync(UnitRequest request, CancellationToken cancel);

    /// <summary>
    /// The unit an earlier corral recorded, if it still runs; null when it is gone. <paramref name="request"/> is
    /// what this corral would start for it today (null when its kind is no longer configured).
    /// </summary>
    Task<IUnitHandle?> ReattachAsync(UnitRecord record, UnitRequest? request, CancellationToken cancel);

    /// <summary>
    /// Removes whatever a dead unit left behind (children in its cgroup, a stopped container); returns killed pids.
    /// A record without a pid is a planned unit whose start was interrupted: everything found there goes.
    /// </summary>
    Task<IReadOnlyList<int>> CleanupAsync(UnitRecord record, CancellationToken cancel);

    /// <summary>Called when the engine stops with no unit left.</summary>
    void Cleanup();
}
