using System.Text;

namespace Corral.Processes;

/// <summary>
/// Reads the small files the kernel makes on demand (/proc, cgroupfs) with one open and a few preads into a
/// per-thread buffer: a stop of a hundred units reads thousands of them, and File.ReadAllText's reader costs more
/// than the read.
/// </summary>
internal static class ProcFile
{
    [ThreadStatic]
    private static byte[]? buffer;

    /// <summary>The file's text, or null when it does not exist (any more) or cannot be read.</summary>
    public static string? ReadText(string path) => Read(path) is { } length ? Encoding.UTF8.GetString(buffer!, 0, length) : null;

    /// <summary>Reads the file into <paramref name="into"/>; the length read, or -1 when it does not exist (any more).</summary>
    public static int Read(string path, Span<byte> into)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var total = 0;
            int read;
            while (total < into.Length && (read = RandomAccess.Read(handle, into[total..], total)) > 0)
            {
                total += read;
            }

            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The file's bytes, or null when it does not exist (any more) or cannot be read.</summary>
    public static byte[]? ReadBytes(string path) => Read(path) is { } length ? buffer!.AsSpan(0, length).ToArray() : null;

    private static int? Read(string path)
    {
        buffer ??= new byte[16 * 1024];
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var total = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
            {
                total += read;
                if (total == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
