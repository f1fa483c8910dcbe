using System.Text;

namespace Corral.Server.Logs;

/// <summary>Reads the end of a bot's log file without loading all of it, and follows it as it grows.</summary>
public static class LogFiles
{
    private const int Chunk = 64 * 1024;

    public static IReadOnlyList<string> Tail(string path, int lines)
    {
        if (!File.Exists(path) || lines <= 0)
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = stream.Length;
        var start = end;
        var newlines = 0;
        var buffer = new byte[Chunk];
        while (start > 0 && newlines <= lines)
        {
            var size = (int)Math.Min(Chunk, start);
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
