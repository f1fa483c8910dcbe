namespace Corral.Containment;

/// <summary>Finds the cgroup v2 hierarchy and this process's place in it.</summary>
public static class CgroupFs
{
    /// <summary>The cgroup2 mount point (e.g. <c>/sys/fs/cgroup</c> or <c>/sys/fs/cgroup/unified</c>), or null.</summary>
    public static string? FindMount()
    {
        if (!File.Exists("/proc/self/mountinfo"))
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
            if (tail.Length > 0 && tail[0] == "cgroup2")
            {
                return line[..separator].Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal);
            }
        }

        return null;
    }

    /// <summary>This process's cgroup v2 path relative to the mount (the <c>0::</c> line), or null.</summary>
    public static string? OwnPath()
    {
        if (!File.Exists("/proc/self/cgroup"))
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
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(cgroup, "cgroup.events")))
            {
                if (line.StartsWith("populated ", StringComparison.Ordinal))
                {
                    return line[10] != '0';
                }
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return false;
        }

        return false;
    }

    /// <summary>The pids in the cgroup and every cgroup below it.</summary>
    public static IReadOnlyList<int> Pids(string cgroup)
    {
        var result = new List<int>();
        if (!Directory.Exists(cgroup))
        {
            return result;
        }

        try
        {
            foreach (var dir in Directory.EnumerateDirectories(cgroup, "*", SearchOption.AllDirectories).Prepend(cgroup))
            {
                var procs = Path.Combine(dir, "cgroup.procs");
                foreach (var line in File.ReadLines(procs))
                {
                    if (int.TryParse(line, out var pid))
                    {
                        result.Add(pid);
                    }
                }
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // Removed while we read it: what we have is all there was.
        }

        return result;
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
}
