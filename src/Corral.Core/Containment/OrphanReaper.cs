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
    /// those), so orphans inherited over weeks never pile up as &lt;defunct&gt;. Returns how many it reaped, or -1
    /// when a launch was in flight and nothing could be reaped safely.
    /// </summary>
    public static int ReapStrays()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var reaped = 0;
        var done = ProcessLauncher.WhileNoLaunchInFlight(() =>
        {
            // A daemon's children are mostly the main processes of its bots, which the runtime reaps itself: only
            // the others (inherited orphans) are worth a read of their state, not a thousand per signal.
            var mains = ProcessLauncher.LiveMainPids();
            foreach (var pid in ChildPids().Where(p => !mains.Contains(p)))
            {
                if (ProcessTable.Get(pid) is { State: 'Z' } zombie
                    && !ProcessLauncher.IsLiveMain(zombie.Id)
                    && Native.WaitPid(pid, out _, Native.WNoHang) == pid)
                {
                    reaped++;
                }
            }
        });
        return done ? reaped : -1;
    }

    // A stop of a hundred bots is a hundred SIGCHLDs in a few hundred milliseconds, and every scan reads the children
    // file of every thread: the signals of one burst share a scan. An orphan stays a zombie this much longer.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reaps on SIGCHLD instead of on a timer: a daemon whose bots sit idle never wakes for this. The signals of one
    /// burst share one scan; a signal that arrives while a launch is between fork and registration is retried a
    /// moment later.
    /// </summary>
    public static IDisposable ReapOnChildSignal()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Watching.Subscription(() => { });
        }

        var pending = 0;
        void Schedule()
        {
            if (Interlocked.Exchange(ref pending, 1) == 0)
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(Coalesce).ConfigureAwait(false);
                    Volatile.Write(ref pending, 0);
                    while (ReapStrays() < 0)
                    {
                        await Task.Delay(20).ConfigureAwait(false);
                    }
                });
            }
        }

        var registration = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGCHLD, _ => Schedule());
        Schedule();
        return registration;
    }

    // The direct children of every thread of this process: orphans are re-parented to one of them.
    private static IEnumerable<int> ChildPids()
    {
        IEnumerable<string> tasks;
        try
        {
            tasks = Directory.EnumerateDirectories("/proc/self/task").ToList();
        }
        catch (IOException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var field in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(field, out var pid))
                {
                    yield return pid;
                }
            }
        }
    }

    /// <summary>Reaps those of <paramref name="pids"/> that died as our children; only a subreaper inherits any.</summary>
    public static void Reap(IEnumerable<int> pids, int except)
    {
        if (!OperatingSystem.IsLinux() || Native.Prctl(Native.PrGetChildSubreaper, out var subreaper, 0, 0, 0) != 0 || subreaper == 0)
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
