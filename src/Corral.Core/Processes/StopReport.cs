using Corral.Containment;

namespace Corral.Processes;

/// <summary>What stopping one managed process did: who was signalled, who left by the signal, who had to be killed.</summary>
public sealed record StopReport(
    string Name,
    int Pid,
    ContainmentKind Containment,
    string Signal,
    TimeSpan Grace,
    IReadOnlyList<StoppedMember> Signalled,
    IReadOnlyList<StoppedMember> ExitedBySignal,
    IReadOnlyList<StoppedMember> Killed,
    int? ExitCode,
    TimeSpan Duration,
    bool ProvenEmpty)
{
    /// <summary>What was still alive when the stop gave up; empty when <see cref="ProvenEmpty"/>.</summary>
    public IReadOnlyList<Survivor> Survivors { get; init; } = [];

    /// <summary>The part of <see cref="Killed"/> that had left the unit and was caught by its tag.</summary>
    public IReadOnlyList<StoppedMember> CaughtByTag { get; init; } = [];
}
