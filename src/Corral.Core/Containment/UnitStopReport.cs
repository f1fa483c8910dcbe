namespace Corral.Containment;

/// <summary>What stopping one containment unit did, and the proof that it ended empty.</summary>
public sealed record UnitStopReport(
    IReadOnlyList<StoppedMember> Signalled,
    IReadOnlyList<StoppedMember> ExitedBySignal,
    IReadOnlyList<StoppedMember> Killed,
    bool ProvenEmpty);
