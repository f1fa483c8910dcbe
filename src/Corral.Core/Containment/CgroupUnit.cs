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

    public override ContainmentKind Kind => ContainmentKind.Cgroup;

    public override string Location => path;

    public string Path => path;

    public override IReadOnlyList<string> Wrap(IReadOnlyList<string> argv) =>
        ["/bin/sh", "-c", EnterScript, System.IO.Path.Combine(path, "cgroup.procs"), .. argv];

    public override IReadOnlyList<ProcessInfo> Members(ProcessId main) =>
        CgroupFs.Pids(path)
            .Select(ProcessTable.Get)
            .OfType<ProcessInfo>()
            .Where(p => !p.IsDead)
            .ToList();

    protected override async Task<bool> WaitEmptyAsync(ProcessId main, IReadOnlyList<ProcessInfo> signalled, TimeSpan grace, CancellationToken hurry)
    {
        var deadline = Deadline.In(grace);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
        while (CgroupFs.IsPopulated(path))
        {
            if (deadline.HasPassed || hurry.IsCancellationRequested)
            {
                return false;
            }

            try
            {
                await Task.Delay(Min(backoff.Next(), deadline.Remaining), hurry).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    protected override async Task<IReadOnlyList<StoppedMember>> KillAllAsync(ProcessId main, TimeSpan timeout)
    {
        var victims = Members(main)
            .Select(m => new StoppedMember(m.Pid, ProcessTable.ReadCommandLine(m.Pid) ?? "?"))
            .ToList();
        var kill = System.IO.Path.Combine(path, "cgroup.kill");
        if (File.Exists(kill))
        {
            await File.WriteAllTextAsync(kill, "1").ConfigureAwait(false);
        }
        else
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

        var deadline = Deadline.In(timeout);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
        while (CgroupFs.IsPopulated(path))
        {
            if (deadline.HasPassed)
            {
                throw new Exceptions.ContainmentException(
                    $"cgroup {path} still holds live processes {timeout.TotalSeconds:0.#} s after cgroup.kill.");
            }

            await Task.Delay(backoff.Next()).ConfigureAwait(false);
        }

        return victims;
    }

    protected override void Release()
    {
        // An emptied cgroup can briefly refuse rmdir while the kernel finishes tearing its tasks down.
        for (var attempt = 0; attempt < 50 && !CgroupFs.Remove(path); attempt++)
        {
            Thread.Sleep(2);
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
