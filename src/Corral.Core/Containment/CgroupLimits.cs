using System.Globalization;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// Memory, CPU and process-count limits through cgroup v2: the controllers are enabled down the path from corral's own
/// cgroup to its owner folder (once), then <c>memory.max</c>, <c>cpu.max</c> and <c>pids.max</c> are written into the unit
/// before anything runs in it. cgroup v2 lets a cgroup hand controllers to its children only while it holds no process
/// of its own, so corral first moves itself into a leaf of its own subtree.
/// </summary>
internal sealed class CgroupLimits(string ownCgroup, string ownerDirectory)
{
    private const long CpuPeriod = 100_000;
    private readonly Lock gate = new();
    private readonly HashSet<string> enabled = new(StringComparer.Ordinal);

    /// <summary>Enables what <paramref name="limits"/> need; the reason when this machine cannot, else null.</summary>
    public string? Enable(UnitLimits limits)
    {
        lock (gate)
        {
            foreach (var controller in limits.Controllers.Where(c => !enabled.Contains(c)))
            {
                if (EnableAlongPath(controller) is { } reason)
                {
                    return $"{LimitNamed(controller)} cannot be enforced: {reason}";
                }

                enabled.Add(controller);
            }

            return null;
        }
    }

    /// <summary>Writes the limits into a fresh unit; the reason on failure, else null.</summary>
    public static string? Apply(string unit, UnitLimits limits)
    {
        var writes = new List<(string File, string Value, string Limit)>();
        if (limits.MemoryBytes is { } memory)
        {
            writes.Add(("memory.max", memory.ToString(CultureInfo.InvariantCulture), "memory"));

            // Without this an over-limit unit would swap instead of meeting the limit.
            if (File.Exists(Path.Combine(unit, "memory.swap.max")))
            {
                writes.Add(("memory.swap.max", "0", "memory"));
            }
        }

        if (limits.Cpus is { } cpus)
        {
            var quota = Math.Max(1000, (long)Math.Round(cpus * CpuPeriod));
            writes.Add(("cpu.max", $"{quota.ToString(CultureInfo.InvariantCulture)} {CpuPeriod.ToString(CultureInfo.InvariantCulture)}", "cpus"));
        }

        if (limits.Pids is { } pids)
        {
            writes.Add(("pids.max", pids.ToString(CultureInfo.InvariantCulture), "pids"));
        }

        var failed = writes.FirstOrDefault(w => !ProcFile.Write(Path.Combine(unit, w.File), w.Value));
        return failed.File is null ? null : $"limit {failed.Limit} could not be written to {Path.Combine(unit, failed.File)}";
    }

    /// <summary>What a limit did to a unit that ended: killed out of memory, forks refused; null when none was hit.</summary>
    public static string? Hit(string unit)
    {
        var oomKills = CgroupFs.Counter(Path.Combine(unit, "memory.events"), "oom_kill");
        if (oomKills > 0)
        {
            var max = ProcFile.ReadText(Path.Combine(unit, "memory.max"))?.Trim();
            var limit = long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? UnitLimits.Size(bytes) : max;
            return $"killed: out of memory, limit {limit}";
        }

        var refused = PidsEvents.Refused(Path.Combine(unit, "pids.events"));
        return refused > 0 ? $"pids.max ({ProcFile.ReadText(Path.Combine(unit, "pids.max"))?.Trim()}) reached: {refused} fork(s) refused" : null;
    }

    /// <summary>The limits this machine's cgroup could enforce, and why not for the others.</summary>
    public static IReadOnlyList<(string Limit, string? Reason)> Survey(string ownCgroup)
    {
        var available = Available(ownCgroup);
        return new[] { "memory", "cpu", "pids" }.Select(c => (LimitNamed(c), available.Contains(c) ? null : Missing(c, ownCgroup, available))).ToList();
    }

    private string? EnableAlongPath(string controller)
    {
        var available = Available(ownCgroup);
        if (!available.Contains(controller))
        {
            return Missing(controller, ownCgroup, available);
        }

        if (!Delegate(ownCgroup, controller, out var error))
        {
            // The no-internal-process rule: move corral into a leaf of its own subtree, then try again.
            var leaf = Path.Combine(ownerDirectory, "corral");
            Directory.CreateDirectory(leaf);
            if (!ProcFile.Write(Path.Combine(leaf, "cgroup.procs"), "0") || !Delegate(ownCgroup, controller, out error))
            {
                return $"{ownCgroup} cannot hand the {controller} controller to its children ({error}): it holds processes besides corral "
                    + "(the shell that started it?); run corral in a cgroup of its own (a systemd service or scope, a container)";
            }
        }

        foreach (var folder in new[] { Path.GetDirectoryName(ownerDirectory)!, ownerDirectory })
        {
            if (!Delegate(folder, controller, out error))
            {
                return $"{folder} refused the {controller} controller ({error})";
            }
        }

        return null;
    }

    private static bool Delegate(string folder, string controller, out string error)
    {
        var control = Path.Combine(folder, "cgroup.subtree_control");
        if ((ProcFile.ReadText(control) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(controller))
        {
            error = "";
            return true;
        }

        error = ProcFile.Write(control, "+" + controller) ? "" : $"writing +{controller} to {control} failed";
        return error.Length == 0;
    }

    private static HashSet<string> Available(string cgroup) =>
        [.. (ProcFile.ReadText(Path.Combine(cgroup, "cgroup.controllers")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Missing(string controller, string cgroup, IReadOnlySet<string> available)
    {
        var listed = available.Count == 0 ? "none" : string.Join(" ", available.Order(StringComparer.Ordinal));
        var v1 = (ProcFile.ReadText("/proc/self/cgroup") ?? "").Split('\n').Any(l => l.Split(':') is [_, var names, _] && names.Split(',').Contains(controller));
        return $"the cgroup v2 at {cgroup} has no {controller} controller (it offers: {listed}); "
            + (v1 ? $"this machine binds {controller} to cgroup v1 (hybrid mode)" : "its parent does not delegate it");
    }

    private static string LimitNamed(string controller) => controller == "cpu" ? "cpus" : controller;
}
