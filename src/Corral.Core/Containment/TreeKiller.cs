using Corral.Processes;
using Corral.Signals;
using Corral.Timing;

namespace Corral.Containment;

/// <summary>
/// Kills a set of processes that may fork while it works: it freezes (SIGSTOP) everything it finds and rescans
/// until a scan finds nothing new, then SIGKILLs the frozen set, and repeats until a fresh scan finds nothing.
/// It never touches the caller or the caller's ancestors.
/// </summary>
public static class TreeKiller
{
    /// <summary>
    /// Kills everything <paramref name="select"/> picks from a fresh snapshot, and their descendants.
    /// Returns the processes it killed; throws when the set is not empty by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<IReadOnlyList<StoppedMember>> KillAsync(
        Func<ProcessSnapshot, IEnumerable<ProcessInfo>> select,
        TimeSpan timeout,
        string what)
    {
        var protectedPids = ProcessTable.SelfAndAncestors();
        var killed = new Dictionary<ProcessId, StoppedMember>();
        var frozen = new HashSet<ProcessId>();
        var deadline = Deadline.In(timeout);
        while (true)
        {
            var targets = Targets(await SharedSnapshot.TakeAsync().ConfigureAwait(false), select, protectedPids);
            if (targets.Count == 0)
            {
                return [.. killed.Values];
            }

            if (deadline.HasPassed)
            {
                throw new Exceptions.ContainmentException(
                    $"Could not kill {what}: {targets.Count} process(es) still alive after {timeout.TotalSeconds:0.#} s: "
                    + string.Join(", ", targets.Take(10).Select(t => $"pid {t.Pid} ({t.State})")));
            }

            var fresh = targets.Where(t => !frozen.Contains(t.Id)).ToList();
            if (fresh.Count > 0)
            {
                // Freeze first: a stopped process cannot fork, so the next scan sees the whole set.
                foreach (var target in fresh)
                {
                    killed.TryAdd(target.Id, new StoppedMember(target.Pid, ProcessTable.ReadCommandLine(target.Pid) ?? "?"));
                    ProcessSignaller.Send(target.Id, Signal.Stop);
                    frozen.Add(target.Id);
                }

                continue;
            }

            foreach (var target in targets)
            {
                ProcessSignaller.Send(target.Id, Signal.Kill);
            }

            await WaitGoneAsync(targets, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every process in <paramref name="set"/> is dead (zombies count as dead) or the time is up.</summary>
    public static async Task<bool> WaitGoneAsync(IReadOnlyCollection<ProcessInfo> set, TimeSpan limit, CancellationToken cancel = default)
    {
        var deadline = Deadline.In(limit);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
        while (true)
        {
            if (set.All(p => !ProcessTable.IsAlive(p.Id)))
            {
                return true;
            }

            if (deadline.HasPassed || cancel.IsCancellationRequested)
            {
                return false;
            }

            try
            {
                await Task.Delay(backoff.Next(), cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private static List<ProcessInfo> Targets(
        ProcessSnapshot snapshot,
        Func<ProcessSnapshot, IEnumerable<ProcessInfo>> select,
        IReadOnlySet<int> protectedPids)
    {
        var roots = select(snapshot).Select(p => p.Pid).ToList();
        if (roots.Count == 0)
        {
            return [];
        }

        return ProcessTable.Descendants(snapshot, roots)
            .Where(p => !p.IsDead && !protectedPids.Contains(p.Pid))
            .ToList();
    }
}
