using System.Buffers;

namespace Corral.Processes;

/// <summary>
/// Follows a log file that a process writes by itself (so the process does not depend on corral staying alive)
/// and hands each complete line on. A file that shrank was rotated by copy-and-truncate: reading restarts at 0.
/// </summary>
internal sealed class LogTailer : IAsyncDisposable
{
    private readonly string path;
    private readonly IDisposable subscription;
    private readonly Lock drainGate = new();
    private readonly LineSplitter lines;
    private readonly LogTimeline timeline;
    private long position;
    private int scheduled;
    private bool disposed;

    public LogTailer(string path, long startAt, Action<string> onLine, Watching.ChangeWatcher watcher)
    {
        this.path = path;
        lines = new LineSplitter(onLine);
        position = startAt;
        timeline = LogTimelines.For(path);
        timeline.Mark(startAt, DateTimeOffset.UtcNow);
        subscription = watcher.WatchFile(path, Schedule);

        // Whatever was written before the watch began.
        Schedule();
    }

    public ValueTask DisposeAsync()
    {
        subscription.Dispose();
        lock (drainGate)
        {
            Drain();
            lines.Flush();
            disposed = true;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Reads what is in the file now: called once the writer has exited, before its exit is reported.</summary>
    public void Flush()
    {
        lock (drainGate)
        {
            if (!disposed)
            {
                Drain();
            }
        }
    }

    // Runs on the watcher's thread: a burst of writes queues one read, never one per write.
    private void Schedule()
    {
        if (Interlocked.Exchange(ref scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static tailer => tailer.DrainScheduled(), this, preferLocal: false);
        }
    }

    private void DrainScheduled()
    {
        Volatile.Write(ref scheduled, 0);
        lock (drainGate)
        {
            if (!disposed)
            {
                Drain();
            }
        }
    }

    private void Drain()
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (stream.Length < position)
            {
                // Truncated by a rotation: what was half a line is gone with it.
                position = 0;
                lines.Reset();
                timeline.Restart(DateTimeOffset.UtcNow);
            }

            if (stream.Length == position)
            {
                return;
            }

            stream.Position = position;
            // Rented per read, not held per tailer: a thousand quiet bots would otherwise keep 16 MB of buffers.
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    position += read;
                    lines.Append(buffer.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            timeline.Mark(position, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not created yet, or being rotated: the next change reads it.
        }
    }
}
