using Corral.Containment;
using Corral.Processes;

namespace Corral.Fleet;

/// <summary>What tearing a fleet down did, process by process, in the order it happened.</summary>
public sealed record FleetStopReport(IReadOnlyList<StopReport> Processes, IReadOnlyList<StoppedMember> Strays, TimeSpan Duration)
{
    public bool ProvenEmpty => Processes.All(p => p.ProvenEmpty);

    /// <summary>One line naming every process that survived its unit's stop, by unit.</summary>
    public string DescribeSurvivors() =>
        "Teardown could not prove every unit empty; still alive: "
        + string.Join("; ", Processes.Where(p => !p.ProvenEmpty).Select(p => $"{p.Name}: {string.Join(", ", p.Survivors)}"));
}
