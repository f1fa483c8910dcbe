using System.Globalization;
using System.Runtime.InteropServices;

namespace Corral.TestDummy.Modes;

internal static class Basic
{
    public static int Help()
    {
        Console.Error.WriteLine(
            "modes: sleep [S] | spam LINES | exit-with CODE [--after MS] | print TEXT... | ignore-sigterm | spawn-tree N | fork-forever "
            + "| zombie | allocate MB | new-pgrp | daemonize PORT [--wipe-env] | listen PORT [--ready-after MS] [--body TEXT] [--fail-while FILE] [--ignore-sigterm]");
        return 2;
    }

    public static int Sleep(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3600;
        Console.WriteLine($"sleeping pid {Environment.ProcessId}");
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return 0;
    }

    public static int ExitWith(string[] args)
    {
        var code = int.Parse(args[0], CultureInfo.InvariantCulture);
        var after = Options.Int(args, "--after", 0);
        Console.WriteLine($"exiting with {code} after {after} ms");
        Thread.Sleep(after);
        return code;
    }

    public static int Print(string[] args)
    {
        foreach (var arg in args)
        {
            Console.WriteLine(arg);
        }

        foreach (var key in new[] { "CORRAL_OWNER", "CORRAL_NAME", "CORRAL_PORT", "CORRAL_CONFIG", "CORRAL_CONFIG_FILE" })
        {
            Console.WriteLine($"{key}={Environment.GetEnvironmentVariable(key)}");
        }

        return 0;
    }

    /// <summary>
    /// Prints OUT on stdout and ERR on stderr; once the file TRIGGER exists, "late OUT" and "late ERR" the same way;
    /// then sleeps: a bot whose two streams a reader must tell apart, also for what it writes while being followed.
    /// </summary>
    public static int BothStreams(string[] args)
    {
        Console.WriteLine(args[0]);
        Console.Error.WriteLine(args[1]);
        while (!File.Exists(args[2]))
        {
            Thread.Sleep(20);
        }

        Console.WriteLine($"late {args[0]}");
        Console.Error.WriteLine($"late {args[1]}");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Prints LINES numbered lines of about 100 bytes, then sleeps: a chatty bot for log rotation.</summary>
    public static int Spam(string[] args)
    {
        var lines = int.Parse(args[0], CultureInfo.InvariantCulture);
        var padding = new string('x', 90);
        for (var i = 0; i < lines; i++)
        {
            Console.WriteLine($"line {i:D6} {padding}");
        }

        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    public static int IgnoreSigterm(string[] args)
    {
        using var registration = IgnoreTerm();
        Console.WriteLine($"ignoring SIGTERM pid {Environment.ProcessId}");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    public static PosixSignalRegistration IgnoreTerm() =>
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true);
}
