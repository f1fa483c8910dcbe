using System.Text;
using Corral.Interop.Unix;

namespace Corral.Processes;

/// <summary>
/// Reads the small files the kernel makes on demand (/proc, cgroupfs) with open, pread and close into a
/// per-thread buffer: a stop of a hundred units reads thousands of them, and a FileStream adds an fstat and an
/// advisory lock to each (five syscalls where three do).
/// </summary>
internal static class ProcFile
{
    [ThreadStatic]
    private static byte[]? buffer;

    /// <summary>The file's text, or null when it does not exist (any more) or cannot be read.</summary>
    public static string? ReadText(string path) => Read(path) is { } length ? Encoding.UTF8.GetString(buffer!, 0, length) : null;

    /// <summary>Reads the file into <paramref name="into"/>; the length read, or -1 when it does not exist (any more).</summary>
    public static unsafe int Read(string path, Span<byte> into)
    {
        var fd = Native.Open(path, Native.ORdOnly | Native.OCloExec);
        if (fd < 0)
        {
            return -1;
        }

        try
        {
            var total = 0;
            fixed (byte* start = into)
            {
                nint read = 0;
                while (total < into.Length && (read = Native.Pread(fd, start + total, into.Length - total, total)) > 0)
                {
                    total += (int)read;
                }

                return read < 0 ? -1 : total;
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    /// <summary>Writes a short value to a kernel control file (<c>cgroup.kill</c>, <c>cgroup.freeze</c>); false when it failed.</summary>
    public static unsafe bool Write(string path, string value)
    {
        var fd = Native.Open(path, Native.OWrOnly | Native.OCloExec);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            var bytes = Encoding.ASCII.GetBytes(value);
            fixed (byte* start = bytes)
            {
                return Native.Write(fd, start, bytes.Length) == bytes.Length;
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    /// <summary>The file's bytes, or null when it does not exist (any more) or cannot be read.</summary>
    public static byte[]? ReadBytes(string path) => Read(path) is { } length ? buffer!.AsSpan(0, length).ToArray() : null;

    private static int? Read(string path)
    {
        buffer ??= new byte[16 * 1024];
        while (true)
        {
            var length = Read(path, buffer);
            if (length < 0)
            {
                return null;
            }

            if (length < buffer.Length)
            {
                return length;
            }

            // Filled it: the file may hold more (a long environment); read it again whole into a larger buffer.
            buffer = new byte[buffer.Length * 2];
        }
    }
}
