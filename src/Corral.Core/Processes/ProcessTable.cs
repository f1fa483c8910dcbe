namespace Corral.Processes;

/// <summary>Reads the operating system's process table: identities, parents, sessions, command lines and environments.</summary>
public static partial class ProcessTable
{
    /// <summary>The identity of the calling process.</summary>
    public static ProcessId Self { get; } = Get(Environment.ProcessId)?.Id ?? new ProcessId(Environment.ProcessId, 0);

    /// <summary>True when the exact process (pid and start time) still runs and is not a zombie.</summary>
    public static bool IsAlive(ProcessId id)
    {
        var info = Get(id.Pid);
        return info is not null && info.Id == id && !info.IsDead;
    }

    /// <summary>The pids of the caller and all of its ancestors: processes Corral must never kill.</summary>
    public static IReadOnlySet<int> SelfAndAncestors()
    {
        var result = new HashSet<int>();
        var pid = Environment.ProcessId;
        while (pid > 0 && result.Add(pid))
        {
            pid = Get(pid)?.ParentPid ?? 0;
        }

        return result;
    }

    /// <summary>Every process whose parent chain leads to one of <paramref name="roots"/>, the roots included.</summary>
    public static IReadOnlyList<ProcessInfo> Descendants(IReadOnlyList<ProcessInfo> snapshot, IEnumerable<int> roots)
    {
        var children = snapshot.ToLookup(p => p.ParentPid);
        var byPid = snapshot.ToDictionary(p => p.Pid);
        var result = new List<ProcessInfo>();
        var seen = new HashSet<int>();
        var queue = new Queue<int>(roots);
        while (queue.TryDequeue(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }

            if (byPid.TryGetValue(pid, out var info))
            {
                result.Add(info);
            }

            foreach (var child in children[pid])
            {
                queue.Enqueue(child.Pid);
            }
        }

        return result;
    }
}
