using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Corral.Processes;

public static partial class ProcessTable
{
    /// <summary>All processes visible in /proc at this instant; ones that vanish mid-read are skipped.</summary>
    private static IReadOnlyList<ProcessInfo> LinuxSnapshot()
    {
        EnsureProcfs();
        var result = new List<ProcessInfo>(512);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir.AsSpan());
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || !int.TryParse(name, out var pid))
            {
                continue;
            }

            if (LinuxGet(pid) is { } info)
            {
                result.Add(info);
            }
        }

        return result;
    }

    /// <summary>The process with this pid, or null when there is none.</summary>
    private static ProcessInfo? LinuxGet(int pid)
    {
        EnsureProcfs();

        // stat is one line of at most ~1 KB (a 16-byte name and 52 numbers): read and parse it without a string.
        Span<byte> stat = stackalloc byte[2048];
        var length = ProcFile.Read($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat", stat);
        return length < 0 ? null : ParseStat(pid, stat[..length]);
    }

    /// <summary>Parses /proc/PID/stat; the command name may hold spaces and parentheses, so fields start after the last ')'.</summary>
    private static ProcessInfo? ParseStat(int pid, ReadOnlySpan<byte> stat)
    {
        var close = stat.LastIndexOf((byte)')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }

        // Fields after the name, 0-based: 0 state, 1 ppid, 2 pgrp, 3 session, 17 num_threads, 19 starttime.
        var rest = stat[(close + 2)..];
        Span<long> numbers = stackalloc long[20];
        var state = (char)rest[0];
        var field = 0;
        foreach (var range in rest.Split((byte)' '))
        {
            if (field is > 0 and < 20 && !Utf8Parser.TryParse(rest[range], out numbers[field], out _))
            {
                numbers[field] = 0;
            }

            if (++field == 20)
            {
                break;
            }
        }

        if (field < 20)
        {
            return null;
        }

        // A zombie leader whose other threads are still exiting still holds its files and ports.
        return new ProcessInfo(new ProcessId(pid, (ulong)numbers[19]), (int)numbers[1], (int)numbers[2], (int)numbers[3], state)
        {
            ThreadsStillExiting = state == 'Z' && numbers[17] > 1,
        };
    }

    /// <summary>The command line with arguments joined by spaces; the bracketed name for kernel threads; null if gone.</summary>
    private static string? LinuxReadCommandLine(int pid)
    {
        var id = pid.ToString(CultureInfo.InvariantCulture);
        if (ProcFile.ReadText($"/proc/{id}/cmdline") is not { } text)
        {
            return null;
        }

        if (text.Length == 0)
        {
            return ProcFile.ReadText($"/proc/{id}/comm") is { } comm ? $"[{comm.TrimEnd('\n')}]" : null;
        }

        return text.TrimEnd('\0').Replace('\0', ' ');
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ProcessId, IReadOnlyDictionary<string, string>> TagCache = new();

    /// <summary>
    /// The <c>CORRAL_</c> tags of a process, cached by identity (pid + start time): a tag set is fixed when the process
    /// is started, and stop-all of a thousand units would otherwise read every environment a thousand times.
    /// Empty answers are never cached: a process caught mid-exec reads as empty for an instant.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CorralTagsOf(ProcessInfo process)
    {
        if (TagCache.TryGetValue(process.Id, out var cached))
        {
            return cached;
        }

        var tags = ReadCorralEnvironment(process.Pid);
        if (tags.Count > 0)
        {
            if (TagCache.Count > 100_000)
            {
                TagCache.Clear();
            }

            TagCache[process.Id] = tags;
        }

        return tags;
    }

    /// <summary>The values of the <c>CORRAL_</c> variables in a process's environment; empty if unreadable.</summary>
    private static IReadOnlyDictionary<string, string> LinuxReadCorralEnvironment(int pid)
    {
        if (ProcFile.ReadBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ") is not { } bytes)
        {
            return EmptyEnvironment;
        }

        Dictionary<string, string>? result = null;
        var prefix = "CORRAL_"u8;
        var span = bytes.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)0);
            var entry = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            if (!entry.StartsWith(prefix))
            {
                continue;
            }

            var eq = entry.IndexOf((byte)'=');
            if (eq > 0)
            {
                result ??= new Dictionary<string, string>(StringComparer.Ordinal);
                result[Encoding.UTF8.GetString(entry[..eq])] = Encoding.UTF8.GetString(entry[(eq + 1)..]);
            }
        }

        return result ?? EmptyEnvironment;
    }

    /// <summary>User + system CPU time and resident set size of one process; zero when it is gone.</summary>
    private static ProcessUsage LinuxReadUsage(int pid)
    {
        try
        {
            var id = pid.ToString(CultureInfo.InvariantCulture);
            if (ProcFile.ReadText($"/proc/{id}/stat") is not { } stat || ProcFile.ReadText($"/proc/{id}/statm") is not { } memory)
            {
                return default;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            var statm = memory.Split(' ');
            var resident = long.Parse(statm[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            return new ProcessUsage(ticks / ClockTicksPerSecond, resident);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return default;
        }
    }

    // USER_HZ is 100 on every Linux architecture .NET runs on; the kernel reports /proc times in it.
    private const double ClockTicksPerSecond = 100;

    private static readonly IReadOnlyDictionary<string, string> EmptyEnvironment = new Dictionary<string, string>();

    private static void EnsureProcfs()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                $"corral runs on Linux and Windows; {System.Runtime.InteropServices.RuntimeInformation.OSDescription} is not supported yet.");
        }
    }
}
