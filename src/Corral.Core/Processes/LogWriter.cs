using System.Text;

namespace Corral.Processes;

/// <summary>
/// The one log writer: appends lines to a log file for output that reaches corral (a pipe, an engine's stream).
/// Every write goes to the current end, so a copy-and-truncate rotation under it is continued, not overwritten.
/// </summary>
public sealed class LogWriter : IDisposable
{
    private readonly FileStream file;
    private readonly LogTimeline timeline;
    private readonly Lock gate = new();
    private long length;
    private bool disposed;

    public LogWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        length = file.Length;
        timeline = LogTimelines.For(path);
        timeline.Mark(length, DateTimeOffset.UtcNow);
    }

    public void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (gate)
        {
            if (disposed)
            {
                // A line that arrives after the stop closed the log is still kept in memory by the caller.
                return;
            }

            // .NET opens without O_APPEND: seek to the end first, the rotation may have truncated the file.
            var end = file.Seek(0, SeekOrigin.End);
            if (end < length)
            {
                timeline.Restart(DateTimeOffset.UtcNow);
            }

            file.Write(bytes);
            file.Flush();
            length = file.Position;
            timeline.Mark(length, DateTimeOffset.UtcNow);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            file.Dispose();
        }
    }
}
