using System.Text;

namespace Corral.Server.Logs;

/// <summary>Reads the end of a bot's log file without loading all of it, and follows it as it grows.</summary>
public static class LogFiles
{
    private const int Chunk = 64 * 1024;

    /// <summary>The last <paramref name="lines"/> complete lines, none of them starting before the line that holds byte <paramref name="from"/>.</summary>
    public static IReadOnlyList<string> Tail(string path, int lines, long from = 0)
    {
        if (!File.Exists(path) || lines <= 0)
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = stream.Length;
        var buffer = new byte[Chunk];
        var floor = LineStart(stream, Math.Min(from, end), buffer);
        var start = end;
        var newlines = 0;
        while (start > floor && newlines <= lines)
        {
            var size = (int)Math.Min(Chunk, start - floor);
            start -= size;
            stream.Position = start;
            stream.ReadExactly(buffer, 0, size);
            newlines += buffer.AsSpan(0, size).Count((byte)'\n');
        }

        stream.Position = start;
        var text = new byte[end - start];
        stream.ReadExactly(text);
        var all = Encoding.UTF8.GetString(text).Split('\n');
        var complete = all[^1].Length == 0 ? all[..^1] : all;
        return complete.Skip(Math.Max(0, complete.Length - lines)).ToList();
    }

    // Where the line holding byte 'at' begins: a timeline's mark can fall in the middle of a line still being written.
    private static long LineStart(FileStream stream, long at, byte[] buffer)
    {
        while (at > 0)
        {
            var size = (int)Math.Min(Chunk, at);
            stream.Position = at - size;
            stream.ReadExactly(buffer, 0, size);
            var newline = buffer.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                return at - size + newline + 1;
            }

            at -= size;
        }

        return 0;
    }

    /// <summary>
    /// Writes what is appended to the file from now on until <paramref name="cancel"/> fires, woken by the change
    /// watcher when the file is written (a follower of a quiet bot sleeps).
    /// </summary>
    public static async Task FollowAsync(string path, Stream output, Watching.ChangeWatcher watcher, CancellationToken cancel)
    {
        var position = File.Exists(path) ? new FileInfo(path).Length : 0;
        var buffer = new byte[Chunk];
        using var changed = new SemaphoreSlim(0);
        using var watch = watcher.WatchFile(path, () =>
        {
            if (changed.CurrentCount == 0)
            {
                changed.Release();
            }
        });
        while (!cancel.IsCancellationRequested)
        {
            if (File.Exists(path))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < position)
                {
                    position = 0;
                }

                stream.Position = position;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                {
                    position += read;
                    await output.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
                }

                await output.FlushAsync(cancel).ConfigureAwait(false);
            }

            await changed.WaitAsync(cancel).ConfigureAwait(false);
        }
    }
}
