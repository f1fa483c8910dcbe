using Corral.Processes;
using Corral.Signals;
using Corral.Timing;

namespace Corral.Containment;

/// <summary>A unit held by one cgroup v2: the kernel counts its members, and <c>cgroup.kill</c> leaves no way out.</summary>
public sealed class CgroupUnit(string id, string path) : UnixContainmentUnit(id)
{
    // The shell writes its own pid ("0") into cgroup.procs and only then execs the command, so the command and
    // everything it ever forks start inside the cgroup: there is no window in which a child could be born outside.
    private const string EnterScript = "echo 0 > \"$0\" || exit 126; exec \"$@\"";

    // The members the grace's end found, killed there on the deadline thread; null while no grace has ended in a kill.
    private volatile IReadOnlyList<int>? killedAtDeadline;

    public override ContainmentKind Kind => ContainmentKind.Cgroup;

    public override string Location => path;

    public string Path => path;

    public override string? LimitHit() => CgroupLimits.Hit(path);

    // One shell does both: every exec costs a new process image (each one a few hundred microseconds here).
    private const string EnterAndRedirectScript = "echo 0 > \"$0\" || exit 126; exec >>\"$1\" 2>>\"$2\" </dev/null; shift 2; exec \"$@\"";

    public override IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, OutputFiles? output = null) =>
        output is null
            ? ["/bin/sh", "-c", EnterScript, System.IO.Path.Combine(path, "cgroup.procs"), .. argv]
            : ["/bin/sh", "-c", EnterAndRedirectScript, System.IO.Path.Combine(path, "cgroup.procs"), output.Stdout, output.Stderr ?? output.Stdout, .. argv];

    /// <summary>
    /// The cgroup's live processes, and the main process while it has not entered yet: a launch returns right after
    /// the fork, and the shell that writes itself into <c>cgroup.procs</c> may not have run. A stop at that instant
    /// must still signal it and give it its grace.
    /// </summary>
    public override IReadOnlyList<ProcessInfo> Members(ProcessId main)
    {
        var members = CgroupFs.Pids(path)
            .Select(ProcessTable.Get)
            .OfType<ProcessInfo>()
            .Where(p => !p.IsDead)
            .ToList();
        if (main.Pid > 0 && !members.Any(m => m.Id == main) && ProcessTable.Get(main.Pid) is { IsDead: false } info && info.Id == main)
        {
            members.Add(info);
        }

        return members;
    }

    protected override async Task<bool> WaitEmptyAsync(ProcessId main, IReadOnlyList<ProcessInfo> signalled, TimeSpan grace, CancellationToken hurry)
    {
        var deadline = Timing.Deadline.In(grace);
        killedAtDeadline = null;
        using (DeadlineThread.At(deadline, KillAtDeadline))
        {
            if (!await WaitUnpopulatedAsync(grace, hurry).ConfigureAwait(false))
            {
                return false;
            }
        }

        // Emptied by the kill at the deadline, not of its own accord: the kill is reported.
        if (killedAtDeadline is not null)
        {
            return false;
        }

        // A main process signalled before it entered the cgroup is waited for by its own exit.
        return !ProcessTable.IsAlive(main) || await WaitExitAsync(main, deadline.Remaining, hurry).ConfigureAwait(false);
    }

    protected override async Task<IReadOnlyList<StoppedMember>> KillAllAsync(ProcessId main, IReadOnlyList<StoppedMember> described, TimeSpan timeout)
    {
        // One read of cgroup.procs, then the kill: only a member born after the signal is named first (its command
        // line is gone once it is killed); the others were named when they were signalled.
        var named = described.ToDictionary(d => d.Pid);
        var pids = (killedAtDeadline ?? CgroupFs.Pids(path)).ToList();
        var mainOutside = main.Pid > 0 && !pids.Contains(main.Pid) && ProcessTable.IsAlive(main);
        if (mainOutside)
        {
            pids.Add(main.Pid);
        }

        var victims = pids.Select(pid => named.GetValueOrDefault(pid) ?? new StoppedMember(pid, ProcessTable.ReadCommandLine(pid) ?? "?")).ToList();
        if (!ProcFile.Write(System.IO.Path.Combine(path, "cgroup.kill"), "1"))
        {
            // Kernels before 5.14: freeze so nothing forks, kill every member, thaw so the kills land.
            var freeze = System.IO.Path.Combine(path, "cgroup.freeze");
            await File.WriteAllTextAsync(freeze, "1").ConfigureAwait(false);
            foreach (var member in Members(main))
            {
                ProcessSignaller.Send(member.Id, Signal.Kill);
            }

            await File.WriteAllTextAsync(freeze, "0").ConfigureAwait(false);
        }

        // A main process that never entered the cgroup is not reached by cgroup.kill.
        if (mainOutside)
        {
            ProcessSignaller.Send(main, Signal.Kill);
            await WaitExitAsync(main, timeout, CancellationToken.None).ConfigureAwait(false);
        }

        // Members that outlive the timeout are left for the caller's final count: a stop reports its survivors.
        await WaitUnpopulatedAsync(timeout, CancellationToken.None).ConfigureAwait(false);
        return victims;
    }

    // On the deadline thread: one read to name the victims later, then the kill (the stop's own path writes it again).
    private void KillAtDeadline()
    {
        try
        {
            var members = CgroupFs.Pids(path);
            if (members.Count > 0)
            {
                killedAtDeadline = members;
                ProcFile.Write(System.IO.Path.Combine(path, "cgroup.kill"), "1");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The stop's own kill follows on the pool and reports what it cannot do.
        }
    }

    /// <summary>
    /// Waits until <c>cgroup.events</c> says <c>populated 0</c>: woken by the kernel's notification on that file
    /// where a watcher is given, else on a short backoff. False when the time ran out or was cut short.
    /// </summary>
    private async Task<bool> WaitUnpopulatedAsync(TimeSpan limit, CancellationToken cancel)
    {
        if (!CgroupFs.IsPopulated(path))
        {
            return true;
        }

        // No exceptions on the expected path: a hundred units reach the end of their grace at the same moment.
        var deadline = Deadline.In(limit);
        using var changed = new SemaphoreSlim(0);
        using var watch = Watcher?.WatchFile(System.IO.Path.Combine(path, "cgroup.events"), () => Release(changed));
        var backoff = new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
        while (CgroupFs.IsPopulated(path))
        {
            var remaining = deadline.Remaining;
            if (remaining <= TimeSpan.Zero || cancel.IsCancellationRequested)
            {
                return false;
            }

            try
            {
                if (watch is null)
                {
                    var next = backoff.Next();
                    await Task.Delay(remaining < next ? remaining : next, cancel).ConfigureAwait(false);
                }
                else
                {
                    // A timed-out wait is not the deadline: the timer runs on a coarse clock (4 ms ticks) and can wake
                    // before the grace is over, so the loop asks the precise clock again.
                    await changed.WaitAsync(remaining, cancel).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return !CgroupFs.IsPopulated(path);
            }
        }

        return true;
    }

    private async Task<bool> WaitExitAsync(ProcessId main, TimeSpan limit, CancellationToken cancel)
    {
        if (limit <= TimeSpan.Zero)
        {
            return !ProcessTable.IsAlive(main);
        }

        var exit = Watcher?.WaitExitAsync(main, cancel)
            ?? (ProcessTable.Get(main.Pid) is { } info ? TreeKiller.WaitGoneAsync([info], limit, cancel) : Task.CompletedTask);
        var deadline = Deadline.In(limit);
        while (!exit.IsCompleted && deadline.Remaining > TimeSpan.Zero && !cancel.IsCancellationRequested)
        {
            try
            {
                // Timed on the coarse clock: it can wake before the deadline, so the loop asks the precise one again.
                await exit.WaitAsync(deadline.Remaining, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // Decided below by asking the kernel.
            }
        }

        return !ProcessTable.IsAlive(main);
    }

    private static void Release(SemaphoreSlim changed)
    {
        try
        {
            changed.Release();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended between the notification and this call.
        }
    }

    protected override async Task ReleaseAsync()
    {
        // An emptied cgroup can briefly refuse rmdir while the kernel finishes tearing its tasks down; the wait
        // must not block a pool thread while a hundred other units are stopping.
        for (var attempt = 0; attempt < 50 && !CgroupFs.Remove(path); attempt++)
        {
            await Task.Delay(2).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // A unit whose process never started (or that was already stopped) leaves no folder behind.
        if (disposing && !CgroupFs.IsPopulated(path))
        {
            CgroupFs.Remove(path);
        }

        base.Dispose(disposing);
    }
}
