namespace Corral.Cli.Output;

internal sealed record SweepJson(
    IReadOnlyDictionary<string, int> ByName,
    int Orphans,
    IReadOnlyDictionary<string, int> Kinds,
    IReadOnlyList<CgroupJson> Cgroups,
    IReadOnlyList<ProcessJson> Selected,
    bool DryRun,
    int Killed,
    IReadOnlyList<string> RemovedCgroups);

internal sealed record ProcessJson(int Pid, string Command, string? Name, string? Owner, bool? Orphan);

internal sealed record CgroupJson(string Path, string Owner, bool OwnerAlive, int Members);
