using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Corral.TestDummy.Modes;

/// <summary>The tricks that escape naive tree kills: a new process group, and the double fork + setsid daemon.</summary>
internal static partial class Escape
{
    public static int NewProcessGroup(string[] args)
    {
        _ = SetPgid(0, 0);
        var child = Tree.Start("/bin/sh", "-c", "exec /bin/sleep 100000");
        Console.WriteLine($"new process group {Environment.ProcessId} child {child.Id}");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Starts a child that calls setsid, starts the port holder and exits, so the holder is re-parented.</summary>
    public static int Daemonize(string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        info.ArgumentList.Add("daemon-child");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var child = Process.Start(info)!;
        child.WaitForExit();
        Console.WriteLine($"daemonized (intermediate pid {child.Id} exited)");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    public static int DaemonChild(string[] args)
    {
        _ = SetSid();
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        info.ArgumentList.Add("listen");
        info.ArgumentList.Add(args[0]);
        info.ArgumentList.Add("--ignore-sigterm");
        if (Options.Flag(args, "--wipe-env"))
        {
            info.Environment.Clear();
        }

        using var daemon = Process.Start(info)!;
        Console.WriteLine($"daemon pid {daemon.Id}");
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "setpgid", SetLastError = true)]
    private static partial int SetPgid(int pid, int pgid);
}
