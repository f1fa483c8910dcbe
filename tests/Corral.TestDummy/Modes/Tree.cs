using System.Diagnostics;
using System.Globalization;

namespace Corral.TestDummy.Modes;

internal static class Tree
{
    /// <summary>N descendants in groups of ten: a shell that forks nine sleepers, so the tree is two levels deep.</summary>
    public static int Spawn(string[] args)
    {
        var count = int.Parse(args[0], CultureInfo.InvariantCulture);
        var started = 0;
        var shells = new List<(Process Shell, int Sleepers)>();
        while (started < count)
        {
            var sleepers = Math.Min(9, count - started - 1);
            var script = string.Concat(Enumerable.Repeat("sleep 100000 & ", sleepers)) + "wait";
            shells.Add((Start("/bin/sh", "-c", script), sleepers));
            started += sleepers + 1;
        }

        // Say so only once the whole tree exists: a test counts it right after this line.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (shells.Any(s => Children(s.Shell.Id) < s.Sleepers) && DateTime.UtcNow < until)
        {
            Thread.Sleep(1);
        }

        Console.WriteLine($"tree of {started} spawned");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Forks without pause, as a runaway worker pool would (bounded so a broken test cannot fork-bomb).</summary>
    public static int ForkForever(string[] args)
    {
        Console.WriteLine("forking forever");
        for (var i = 0; i < 5000; i++)
        {
            Start("/bin/sleep", "100000");
            Thread.Sleep(5);
        }

        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>A child whose exited child is never reaped: sleep replaced the shell and never waits.</summary>
    public static int Zombie(string[] args)
    {
        Start("/bin/sh", "-c", "/bin/true & exec /bin/sleep 100000");
        Console.WriteLine("zombie left");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    private static int Children(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
