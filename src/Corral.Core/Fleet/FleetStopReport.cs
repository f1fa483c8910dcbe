using Corral.Containment;
using Corral.Processes;

namespace Corral.Fleet;

/// <summary>What tearing a fleet down did, process by process, in the order it happened.</summary>
public sealed record FleetStopReport(IReadOnlyList<StopReport> Processes, IReadOnlyList<StoppedMember> Strays, TimeSpan Duration)
{
    public bool ProvenEmpty => Processes.All(p => p.ProvenEmpty);
}
