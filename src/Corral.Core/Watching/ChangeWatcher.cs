using Corral.Processes;

namespace Corral.Watching;

/// <summary>
/// Learns of changes without polling: writes to a file (a log, <c>cgroup.events</c>) and the end of a process.
/// One instance serves a whole engine, so a daemon with a hundred idle bots has one thread asleep in the kernel
/// instead of a timer per bot.
/// </summary>
public abstract class ChangeWatcher : IDisposable
{
    private long wakeups;

    /// <summary>How often the watcher woke up: the steady-state cost benchmarks report.</summary>
    public long Wakeups => Interlocked.Read(ref wakeups);

    /// <summary>epoll + inotify + pidfd on Linux; a single slow timer elsewhere.</summary>
    public static ChangeWatcher Create(TimeProvider? time = null) =>
        OperatingSystem.IsLinux() && EpollWatcher.TryCreate() is { } epoll ? epoll : new PollingWatcher(time ?? TimeProvider.System);

    /// <summary>
    /// Calls <paramref name="onChange"/> whenever the file may have changed, also when it is created later (its
    /// folder is created if missing). The
    /// callback runs on the watcher's thread and must not block. Dispose the result to stop watching.
    /// </summary>
    public abstract IDisposable WatchFile(string path, Action onChange);

    /// <summary>Completes once the exact process (pid and start time) has ended; zombies count as ended.</summary>
    public abstract Task WaitExitAsync(ProcessId id, CancellationToken cancel = default);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>For a kernel without pidfds: asks the process table until the process is gone.</summary>
    protected static async Task PollExitAsync(ProcessId id, CancellationToken cancel)
    {
        while (ProcessTable.IsAlive(id))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancel).ConfigureAwait(false);
        }
    }

    protected void CountWakeup() => Interlocked.Increment(ref wakeups);
}
