namespace Corral.Cli.Output;

internal sealed record DoctorJson(
    string Containment,
    string ContainmentDetail,
    string? Cgroup2Mount,
    bool CgroupKill,
    bool Setsid,
    int CorralProcesses,
    int OrphanProcesses,
    IReadOnlyList<CgroupJson> LeftoverCgroups,
    IReadOnlyList<PortJson> Ports,
    string Docker,
    int OrphanContainers,
    bool Healthy)
{
    /// <summary>Per limit (memory, cpus, pids): null when this machine can enforce it on local units, else why not.</summary>
    public IReadOnlyDictionary<string, string?> Limits { get; init; } = new Dictionary<string, string?>();
}

internal sealed record PortJson(int Port, bool Free, int? Pid, string? Command)
{
    /// <summary>What the holder holds it with, <c>tcp</c> (a listener) or <c>udp</c>; null when the port is free.</summary>
    public string? Protocol { get; init; }
}
