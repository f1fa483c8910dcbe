namespace Corral.Sweep;

/// <summary>What a sweep killed (or, on a dry run, would kill) and which cgroups it removed.</summary>
public sealed record SweepResult(IReadOnlyList<SweptProcess> Processes, IReadOnlyList<string> Cgroups, bool DryRun);
