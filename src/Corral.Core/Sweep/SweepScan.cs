namespace Corral.Sweep;

/// <summary>What a sweep found: Corral-launched processes, Corral cgroups, and processes of each configured kind.</summary>
public sealed record SweepScan(
    IReadOnlyList<CorralProcess> Processes,
    IReadOnlyList<CorralCgroup> Cgroups,
    IReadOnlyDictionary<string, IReadOnlyList<SweptProcess>> Kinds,
    IReadOnlyList<SweptProcess> Everything);
