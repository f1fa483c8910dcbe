namespace Corral.Processes;

/// <summary>Reads the operating system's process table: identities, parents, sessions, command lines and environments.</summary>
public static partial class ProcessTable
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    // The one place that picks the operating system's table: /proc on Linux, Toolhelp32 and process handles on Windows.

    /// <summary>All processes at this instant; ones that vanish mid-read are skipped.</summary>
    public static IReadOnlyList<ProcessInfo> Snapshot() => OperatingSystem.IsWindows() ? WindowsSnapshot() : LinuxSnapshot();

    /// <summary>The process with this pid, or null when there is none.</summary>
    public static ProcessInfo? Get(int pid) => OperatingSystem.IsWindows() ? WindowsGet(pid) : LinuxGet(pid);

    /// <summary>The command line with arguments joined by spaces; the bracketed name for kernel threads; null if gone.</summary>
    public static string? ReadCommandLine(int pid) => OperatingSystem.IsWindows() ? WindowsReadCommandLine(pid) : LinuxReadCommandLine(pid);

    /// <summary>The values of the <c>CORRAL_</c> variables in a process's environment; empty if unreadable.</summary>
    public static IReadOnlyDictionary<string, string> ReadCorralEnvironment(int pid) =>
        OperatingSystem.IsWindows() ? WindowsReadCorralEnvironment(pid) : LinuxReadCorralEnvironment(pid);

    /// <summary>User + system CPU time and resident set size of one process; zero when it is gone.</summary>
    public static ProcessUsage ReadUsage(int pid) => OperatingSystem.IsWindows() ? WindowsReadUsage(pid) : LinuxReadUsage(pid);

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
