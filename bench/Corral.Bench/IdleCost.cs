using System.Globalization;

namespace Corral.Bench;

/// <summary>
/// What a process costs while nothing happens: CPU time of all its threads (utime + stime from /proc) and how
/// often its threads were scheduled (voluntary + involuntary context switches), over a window.
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
        return (cpu, (switchesAfter - switchesBefore) / seconds);
    }

    private static (long Ticks, long Switches) Read(int pid)
    {
        long ticks = 0, switches = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        switches += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // A thread that ended between the listing and the read costs nothing more.
            }
        }

        return (ticks, switches);
    }
}
