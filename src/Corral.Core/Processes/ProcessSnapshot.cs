using System.Collections;

namespace Corral.Processes;

/// <summary>
/// One reading of the process table, with the index every unit's tag net asks of it built once: a hundred units
/// stopping together read each environment once, not a hundred times.
/// </summary>
public sealed class ProcessSnapshot : IReadOnlyList<ProcessInfo>
{
    private readonly IReadOnlyList<ProcessInfo> processes;
    private readonly Lazy<ILookup<string, ProcessInfo>> byUnit;

    public ProcessSnapshot(IReadOnlyList<ProcessInfo> processes)
    {
        this.processes = processes;
        byUnit = new Lazy<ILookup<string, ProcessInfo>>(() => processes
            .Where(p => !p.IsDead)
            .Select(p => (Process: p, Unit: ProcessTable.CorralTagsOf(p).GetValueOrDefault(CorralEnvironment.Unit)))
            .Where(p => p.Unit is not null)
            .ToLookup(p => p.Unit!, p => p.Process, StringComparer.Ordinal));
    }

    public int Count => processes.Count;

    public ProcessInfo this[int index] => processes[index];

    /// <summary>The live processes whose <c>CORRAL_UNIT</c> tag is <paramref name="unitId"/>.</summary>
    public IEnumerable<ProcessInfo> CarryingUnit(string unitId) => byUnit.Value[unitId];

    public IEnumerator<ProcessInfo> GetEnumerator() => processes.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
