using System.Globalization;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// Where the kernel counts the forks a process's pids limit refused (<c>pids.events</c>, <c>max N</c>): in its cgroup v2
/// cgroup, or in the cgroup v1 pids hierarchy that hybrid machines (and Docker's cgroupfs driver there) use.
/// </summary>
public static class PidsEvents
{
    /// <summary>The <c>pids.events</c> file of the process's pids cgroup; null where it has none (or the process is gone).</summary>
    public static string? FileOf(int pid)
    {
        var lines = ProcFile.ReadText($"/proc/{pid}/cgroup")?.Split('\n') ?? [];
        var mounts = ProcFile.ReadText("/proc/self/mountinfo")?.Split('\n') ?? [];
        foreach (var line in lines.Select(l => l.Split(':', 3)).Where(f => f.Length == 3))
        {
            var mount = line[1] switch
            {
                "" when line[0] == "0" => MountPoint(mounts, "cgroup2", null),
                var controllers when controllers.Split(',').Contains("pids") => MountPoint(mounts, "cgroup", "pids"),
                _ => null,
            };
            var file = mount is null ? null : Path.Combine(mount, line[2].TrimStart('/'), "pids.events");
            if (file is not null && File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>How many forks the limit has refused so far.</summary>
    public static long Refused(string file) =>
        (ProcFile.ReadText(file) ?? "").Split('\n')
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && p[0] == "max" && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Sum(p => long.Parse(p[1], CultureInfo.InvariantCulture));

    // mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS ... - FSTYPE SOURCE SUPEROPTIONS".
    private static string? MountPoint(IEnumerable<string> mounts, string type, string? option) =>
        mounts.Select(m => m.Split(" - ", 2))
            .Where(p => p.Length == 2)
            .Select(p => (Fields: p[0].Split(' '), After: p[1].Split(' ')))
            .Where(m => m.After.Length >= 3 && m.After[0] == type && m.Fields.Length >= 5 && m.Fields[3] == "/"
                && (option is null || m.After[2].Split(',').Contains(option)))
            .Select(m => m.Fields[4])
            .FirstOrDefault();
}
