using System.Globalization;
using System.Text;

namespace Corral.Processes;

public static partial class ProcessTable
{
    /// <summary>All processes visible in /proc at this instant; ones that vanish mid-read are skipped.</summary>
    public static IReadOnlyList<ProcessInfo> Snapshot()
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

            if (Get(pid) is { } info)
            {
                result.Add(info);
            }
        }

        return result;
    }

    /// <summary>The process with this pid, or null when there is none.</summary>
    public static ProcessInfo? Get(int pid)
    {
        EnsureProcfs();
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var info = ParseStat(pid, stat);
        return info is { State: 'Z' } && HasOtherThreads(pid) ? info with { ThreadsStillExiting = true } : info;
    }

    private static bool HasOtherThreads(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task").Skip(1).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Parses /proc/PID/stat; the command name may hold spaces and parentheses, so fields start after the last ')'.</summary>
    internal static ProcessInfo? ParseStat(int pid, string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return null;
        }

        return new ProcessInfo(
            new ProcessId(pid, ulong.Parse(fields[19], CultureInfo.InvariantCulture)),
            ParentPid: int.Parse(fields[1], CultureInfo.InvariantCulture),
            ProcessGroup: int.Parse(fields[2], CultureInfo.InvariantCulture),
            Session: int.Parse(fields[3], CultureInfo.InvariantCulture),
            State: fields[0][0]);
    }

    /// <summary>The command line with arguments joined by spaces; the bracketed name for kernel threads; null if gone.</summary>
    public static string? ReadCommandLine(int pid)
    {
        try
        {
            var bytes = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            if (bytes.Length == 0)
            {
                var comm = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm").TrimEnd('\n');
                return $"[{comm}]";
            }

            return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
    public static IReadOnlyDictionary<string, string> ReadCorralEnvironment(int pid)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
    public static ProcessUsage ReadUsage(int pid)
    {
        try
        {
            var id = pid.ToString(CultureInfo.InvariantCulture);
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            var statm = File.ReadAllText($"/proc/{id}/statm").Split(' ');
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
                "Corral reads the process table from /proc, which only Linux provides; on this OS only Windows job objects are supported.");
        }
    }
}
