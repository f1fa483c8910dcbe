using Corral.Processes;

namespace Corral.Supervision;

public enum UnitEventKind
{
    Launching,
    Launched,
    Adopted,
    Ready,
    Failed,
    Exited,
    Backoff,
    Restarted,
    Stopping,
    Stopped,
    Scaled,
    Unhealthy,
    Healthy,

    /// <summary>A limit refused the running unit something (forks at <c>pids.max</c>); it goes on running.</summary>
    Limited,
}

/// <summary>
/// One state change of one unit: the single stream that <c>corral up</c>'s progress lines, the daemon's event
/// stream and its state file all consume.
/// </summary>
public sealed record UnitEvent(UnitEventKind Kind, string Unit, DateTimeOffset At)
{
    public int? Pid { get; init; }

    /// <summary>The unit's status after this change (<see cref="UnitStatus"/>).</summary>
    public string? Status { get; init; }

    public int? ExitCode { get; init; }

    public string? Detail { get; init; }

    /// <summary>Since the launch began (launched, ready, failed) or the stop began (stopped).</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>Pids killed by force while the unit ended.</summary>
    public IReadOnlyList<int>? Killed { get; init; }

    /// <summary>Where the unit is about to start (launching): recorded first, it lets a later corral find what a start interrupted by its death left.</summary>
    public Execution.UnitRecord? Planned { get; init; }

    /// <summary>The stop's full report (stopped, or failed because it could not prove the unit empty).</summary>
    public StopReport? Report { get; init; }
}
