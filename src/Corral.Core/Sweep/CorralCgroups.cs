using Corral.Containment;
using Corral.Processes;

namespace Corral.Sweep;

/// <summary>Finds every <c>corral/&lt;owner&gt;/&lt;unit&gt;</c> cgroup in the cgroup v2 tree, wherever its corral ran.</summary>
public static class CorralCgroups
{
    private const int MaxDepth = 8;

    public static IReadOnlyList<CorralCgroup> Find()
    {
        var mount = CgroupFs.FindMount();
        var result = new List<CorralCgroup>();
        if (mount is null)
        {
            return result;
        }

        foreach (var root in Roots(mount, 0))
        {
            foreach (var ownerDir in SafeDirectories(root))
            {
                var owner = Path.GetFileName(ownerDir);
                var alive = Adoptions.IsHeld(owner);
                var units = SafeDirectories(ownerDir).ToList();
                foreach (var unit in units)
                {
                    result.Add(new CorralCgroup(unit, owner, alive, CgroupFs.Pids(unit).Count));
                }

                if (units.Count == 0 && !alive)
                {
                    // An empty folder of a dead owner: listed so a sweep removes it.
                    result.Add(new CorralCgroup(ownerDir, owner, alive, 0));
                }
            }
        }

        return result;
    }

    private static IEnumerable<string> Roots(string dir, int depth)
    {
        foreach (var child in SafeDirectories(dir))
        {
            if (Path.GetFileName(child) == CgroupContainmentProvider.RootName)
            {
                yield return child;
            }
            else if (depth < MaxDepth)
            {
                foreach (var nested in Roots(child, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<string> SafeDirectories(string dir)
    {
        try
        {
            return Directory.GetDirectories(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
