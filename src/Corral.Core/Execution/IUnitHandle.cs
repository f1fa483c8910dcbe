using Corral.Processes;
using Corral.Readiness;

namespace Corral.Execution;

/// <summary>One started unit as a strategy holds it: a contained local process, a container, a service.</summary>
public interface IUnitHandle : IProbeTarget
{
    /// <summary>The unit's id as recorded (cgroup unit id, container id, service id).</summary>
    string UnitId { get; }

    /// <summary>Where the unit lives, enough to find it again after a restart of corral (cgroup path, <c>docker:ID</c>).</summary>
    string Location { get; }

    /// <summary>The main process's start time, for pid + start-time identity; null where the engine owns the process.</summary>
    ulong? StartTime { get; }

    /// <summary>Taken over from an earlier corral rather than started by this one.</summary>
    bool IsAdopted { get; }

    IReadOnlyList<string> Command { get; }

    /// <summary>What a resource limit did to the unit (killed out of memory, forks refused); null when none was hit.</summary>
    string? LimitHit => null;

    /// <summary>Live processes of the unit besides the main one (escaped ones included), CPU seconds and memory.</summary>
    Task<UnitStats> StatsAsync(CancellationToken cancel);

    /// <summary>
    /// Graceful signal, grace (cut short by <paramref name="hurry"/>), force, and the proof that nothing is left, or
    /// the survivors named in the report: the outcome is a value, never an exception for a unit that would not die.
    /// </summary>
    Task<StopReport> StopAsync(CancellationToken hurry = default);
}
