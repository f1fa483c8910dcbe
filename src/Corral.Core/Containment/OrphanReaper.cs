using Corral.Interop.Unix;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// Reaps zombies that were re-parented to this process (it is a child subreaper on the fallback path).
/// Only pids that Corral itself dealt with are reaped, so exit codes that the runtime's Process class waits for are never stolen.
/// </summary>
public static class OrphanReaper
{
    /// <summary>
    /// For a long-running subreaper: reaps every zombie child that is not a unit's main process (the runtime waits for
    /// those), so orphans inherited over weeks never pile up as &lt;defunct&gt;. Returns how many it reaped.
    /// </summary>
    public static int ReapStrays()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var self = Environment.ProcessId;
        var reaped = 0;
        foreach (var zombie in ProcessTable.Snapshot().Where(p => p.ParentPid == self && p.State == 'Z' && !ProcessLauncher.IsLiveMain(p.Id)))
        {
            if (Native.WaitPid(zombie.Pid, out _, Native.WNoHang) == zombie.Pid)
            {
                reaped++;
            }
        }

        return reaped;
    }

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
