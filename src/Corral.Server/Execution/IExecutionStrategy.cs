using Corral.Config;
using Corral.Processes;
using Corral.Server.Bots;
using Corral.Server.State;

namespace Corral.Server.Execution;

/// <summary>
/// The one seam between the supervisor and what runs bots: local processes, Docker containers, Swarm services.
/// The supervisor decides (restarts, readiness, state); a strategy only starts, finds again, and stops.
/// </summary>
public interface IExecutionStrategy
{
    /// <summary><c>local</c>, <c>docker</c> or <c>swarm</c>.</summary>
    string Name { get; }

    /// <summary>What holds a unit here, for health and inspect (<c>cgroup</c>, <c>session</c>, <c>container</c>).</summary>
    string Containment { get; }

    /// <summary>Runs exec readiness probes on this host.</summary>
    ProcessLauncher ProbeLauncher { get; }

    Task<IRunningBot> StartAsync(Bot bot, BotTypeSpec type, CancellationToken cancel);

    /// <summary>The unit an earlier daemon recorded, if it still runs; null when it is gone.</summary>
    Task<IRunningBot?> ReattachAsync(BotRecord record, Bot bot, BotTypeSpec? type, CancellationToken cancel);

    /// <summary>Removes whatever a dead unit left behind (children in its cgroup, a stopped container); returns killed pids.</summary>
    Task<IReadOnlyList<int>> CleanupAsync(BotRecord record, CancellationToken cancel);

    /// <summary>Called when the daemon stops with no bot left.</summary>
    void Cleanup();
}
