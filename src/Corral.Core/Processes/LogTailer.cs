using System.Text;

namespace Corral.Processes;

/// <summary>
/// Follows a log file that a process writes by itself (so the process does not depend on corral staying alive)
/// and hands each complete line on. A file that shrank was rotated by copy-and-truncate: reading restarts at 0.
/// </summary>
internal sealed class LogTailer : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private readonly string path;
    private readonly Action<string> onLine;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly StringBuilder partial = new();
    private long position;

    public LogTailer(string path, long startAt, Action<string> onLine)
    {
        this.path = path;
        this.onLine = onLine;
        position = startAt;
        loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        Drain();
        if (partial.Length > 0)
        {
            onLine(partial.ToString());
            partial.Clear();
        }

        stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Drain();
            try
            {
                await Task.Delay(PollInterval, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Drain()
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < position)
            {
                position = 0;
            }

            if (stream.Length == position)
            {
                return;
            }

            stream.Position = position;
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                position += read;
                partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
                Emit();
            }
        }
        catch (IOException)
        {
            // Not created yet, or being rotated: the next poll reads it.
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
