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
        foreach (var line in (ProcFile.ReadText($"/proc/{pid}/cgroup") ?? "").Split('\n').Select(l => l.Split(':', 3)).Where(f => f.Length == 3))
        {
            var mount = line[1] switch
            {
                "" when line[0] == "0" => CgroupFs.FindMount(),
                var controllers when controllers.Split(',').Contains("pids") => CgroupFs.FindMount("cgroup", "pids"),
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
    public static long Refused(string file) => CgroupFs.Counter(file, "max");
}
