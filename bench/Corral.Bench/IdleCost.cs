using System.Globalization;

namespace Corral.Bench;

/// <summary>
/// What a process costs while nothing happens: its CPU time (utime + stime of /proc/PID/stat, which keeps the time
/// of threads that have ended) and how often its live threads were scheduled (voluntary + involuntary context
/// switches), over a window.
/// </summary>
internal static class IdleCost
{
    public static async Task<(double CpuPercent, double WakeupsPerSecond)> MeasureAsync(int pid, TimeSpan window)
    {
        var (ticksBefore, switchesBefore) = Read(pid);
        await Task.Delay(window);
        var (ticksAfter, switchesAfter) = Read(pid);
        var seconds = window.TotalSeconds;
        var cpu = (ticksAfter - ticksBefore) / 100.0 / seconds * 100;

        // Per thread: a pool thread that retired during the window takes its count with it.
        var wakeups = switchesAfter.Sum(t => t.Value - switchesBefore.GetValueOrDefault(t.Key));
        return (cpu, wakeups / seconds);
    }

    private static (long Ticks, Dictionary<string, long> Switches) Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var switches = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                switches[Path.GetFileName(task)] = File.ReadLines(Path.Combine(task, "status"))
                    .Where(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || l.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    .Sum(l => long.Parse(l[(l.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // A thread that ended between the listing and the read costs nothing more.
            }
        }

        return (ticks, switches);
    }
}
