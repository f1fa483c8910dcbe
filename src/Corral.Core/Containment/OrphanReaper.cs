using Corral.Interop.Unix;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// Reaps zombies that were re-parented to this process (it is a child subreaper on the fallback path).
/// Only pids that Corral itself dealt with are reaped, so exit codes that the runtime's Process class waits for are never stolen.
/// </summary>
public static class OrphanReaper
{
    public static void Reap(IEnumerable<int> pids, int except)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var pid in pids.Distinct())
        {
            if (pid == except)
            {
                continue;
            }

            var info = ProcessTable.Get(pid);
            if (info is { IsDead: true } && info.ParentPid == Environment.ProcessId)
            {
                _ = Native.WaitPid(pid, out _, Native.WNoHang);
            }
        }
    }
}
