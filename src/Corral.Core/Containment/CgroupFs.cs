using System.Globalization;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>Finds the cgroup v2 hierarchy and this process's place in it.</summary>
public static class CgroupFs
{
    /// <summary>The cgroup2 mount point (e.g. <c>/sys/fs/cgroup</c> or <c>/sys/fs/cgroup/unified</c>), or null.</summary>
    public static string? FindMount() => FindMount("cgroup2", null);

    /// <summary>
    /// The mount point of a cgroup hierarchy: <paramref name="type"/> <c>cgroup2</c>, or <c>cgroup</c> (v1) with the
    /// controller <paramref name="controller"/> among its options (<c>/sys/fs/cgroup/pids</c>); null when none is mounted.
    /// </summary>
    public static string? FindMount(string type, string? controller)
    {
        // Only Linux has cgroups; under Wine "/proc/..." is a real path on drive Z: and must not be taken for one.
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/mountinfo"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // Fields: id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var tail = line[(separator + 3)..].Split(' ');
            if (tail.Length > 0 && tail[0] == type && (controller is null || (tail.Length > 2 && tail[2].Split(',').Contains(controller))))
            {
                return line[..separator].Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal);
            }
        }

        return null;
    }

    /// <summary>This process's cgroup v2 path relative to the mount (the <c>0::</c> line), or null.</summary>
    public static string? OwnPath()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/cgroup"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/cgroup"))
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
            {
                return line[3..];
            }
        }

        return null;
    }

    /// <summary>True when <c>cgroup.events</c> says the cgroup (and its subtree) holds no live process.</summary>
    public static bool IsPopulated(string cgroup)
    {
        var events = Processes.ProcFile.ReadText(Path.Combine(cgroup, "cgroup.events"));
        var at = events?.IndexOf("populated ", StringComparison.Ordinal) ?? -1;
        return at >= 0 && at + 10 < events!.Length && events[at + 10] != '0';
    }

    /// <summary>The pids in the cgroup and every cgroup below it.</summary>
    public static IReadOnlyList<int> Pids(string cgroup)
    {
        var result = new List<int>();
        Collect(cgroup, result);
        return result;
    }

    // A unit's process may create cgroups below its own (with delegation): their members are the unit's too.
    private static void Collect(string cgroup, List<int> pids)
    {
        if (Processes.ProcFile.ReadText(Path.Combine(cgroup, "cgroup.procs")) is not { } text)
        {
            return;
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, out var pid))
            {
                pids.Add(pid);
            }
        }

        try
        {
            foreach (var child in Directory.EnumerateDirectories(cgroup))
            {
                Collect(child, pids);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Removed while we read it: what we have is all there was.
        }
    }

    /// <summary>Removes the cgroup and the empty ones below it, deepest first. Returns false if any stayed.</summary>
    public static bool Remove(string cgroup)
    {
        if (!Directory.Exists(cgroup))
        {
            return true;
        }

        var dirs = Directory.EnumerateDirectories(cgroup, "*", SearchOption.AllDirectories)
            .OrderByDescending(d => d.Length)
            .Append(cgroup);
        var ok = true;
        foreach (var dir in dirs)
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (IOException)
            {
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>The sum of the <paramref name="key"/> lines of a cgroup's <c>*.events</c> file (<c>oom_kill 2</c>, <c>max 17</c>); 0 when it has none.</summary>
    public static long Counter(string file, string key) =>
        (ProcFile.ReadText(file) ?? "").Split('\n')
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && p[0] == key && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Sum(p => long.Parse(p[1], CultureInfo.InvariantCulture));
}
