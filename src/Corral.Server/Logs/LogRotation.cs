using Corral.Supervision;
using Corral.Watching;

namespace Corral.Server.Logs;

/// <summary>Rotates a log when a write makes it too big: woken by the change watcher, never by a timer.</summary>
internal static class LogRotation
{
    /// <summary>Rotates the log and the stderr file beside it, each on its own size.</summary>
    public static IDisposable Watch(ChangeWatcher watcher, string logFile, LogRotationSpec spec)
    {
        var stdout = WatchOne(watcher, logFile, spec);
        var stderr = WatchOne(watcher, Processes.LogNames.StderrOf(logFile), spec);
        return new Subscription(() =>
        {
            stdout.Dispose();
            stderr.Dispose();
        });
    }

    private static IDisposable WatchOne(ChangeWatcher watcher, string path, LogRotationSpec spec)
    {
        var pending = 0;

        // One rotation at a time: two that overlap would copy the freshly truncated file over the full one.
        var rotating = new Lock();
        return watcher.WatchFile(path, () =>
        {
            if (Interlocked.Exchange(ref pending, 1) == 1)
            {
                return;
            }

            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    Volatile.Write(ref pending, 0);
                    lock (rotating)
                    {
                        try
                        {
                            LogRotator.RotateIfNeeded(path, spec);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            // The next write tries again.
                        }
                    }
                },
                null);
        });
    }
}
