namespace Corral.Cli.Output;

internal sealed record SweepJson(
    IReadOnlyDictionary<string, int> ByName,
    int Orphans,
    IReadOnlyDictionary<string, int> Kinds,
    IReadOnlyList<CgroupJson> Cgroups,
    IReadOnlyList<ProcessJson> Selected,
    bool DryRun,
    int Killed,
    IReadOnlyList<string> RemovedCgroups,
    IReadOnlyList<ContainerJson>? Containers,
    IReadOnlyList<string> RemovedContainers);

internal sealed record ContainerJson(string Id, string Name, string Owner, string? Bot, bool Orphan);

internal sealed record ProcessJson(int Pid, string Command, string? Name, string? Owner, bool? Orphan);

internal sealed record CgroupJson(string Path, string Owner, bool OwnerAlive, int Members);
