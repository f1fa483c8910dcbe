namespace Corral.Containment;

/// <summary>
/// What stopping one containment unit did, and the proof that it ended empty, or the processes that survived
/// every kill (then <see cref="ProvenEmpty"/> is false: an outcome to report, not an exception).
/// </summary>
public sealed record UnitStopReport(
    IReadOnlyList<StoppedMember> Signalled,
    IReadOnlyList<StoppedMember> ExitedBySignal,
    IReadOnlyList<StoppedMember> Killed,
    bool ProvenEmpty)
{
    /// <summary>Processes still alive when the stop gave up: pid, start time and command line.</summary>
    public IReadOnlyList<Survivor> Survivors { get; init; } = [];

    /// <summary>The part of <see cref="Killed"/> that had left the unit and was caught by its tag.</summary>
    public IReadOnlyList<StoppedMember> CaughtByTag { get; init; } = [];
}
