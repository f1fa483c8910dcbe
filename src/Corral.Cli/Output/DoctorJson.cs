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
    bool Healthy);

internal sealed record PortJson(int Port, bool Free, int? Pid, string? Command);
