using System.Text;

namespace Corral.Processes;

/// <summary>
/// Follows a log file that a process writes by itself (so the process does not depend on corral staying alive)
/// and hands each complete line on. A file that shrank was rotated by copy-and-truncate: reading restarts at 0.
/// </summary>
internal sealed class LogTailer : IAsyncDisposable
{
    private readonly string path;
    private readonly Action<string> onLine;
    private readonly IDisposable subscription;
    private readonly Lock drainGate = new();
    private readonly StringBuilder partial = new();
    private readonly byte[] buffer = new byte[16 * 1024];
    private long position;
    private int scheduled;
    private bool disposed;

    public LogTailer(string path, long startAt, Action<string> onLine, Watching.ChangeWatcher watcher)
    {
        this.path = path;
        this.onLine = onLine;
        position = startAt;
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
            if (partial.Length > 0)
            {
                onLine(partial.ToString());
                partial.Clear();
            }

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
                position = 0;
            }

            if (stream.Length == position)
            {
                return;
            }

            stream.Position = position;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                position += read;
                partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
                Emit();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not created yet, or being rotated: the next change reads it.
        }
    }

    private void Emit()
    {
        var text = partial.ToString();
        var start = 0;
        int newline;
        while ((newline = text.IndexOf('\n', start)) >= 0)
        {
            onLine(text[start..newline].TrimEnd('\r'));
            start = newline + 1;
        }

        partial.Clear().Append(text, start, text.Length - start);
    }
}
