using Corral.TestDummy.Modes;

// Usage: Corral.TestDummy MODE [ARGS...]; every mode prints what it did so tests can wait on its output.
Console.Out.Flush();
var mode = args.Length > 0 ? args[0] : "help";
var rest = args.Skip(1).ToArray();
return mode switch
{
    "sleep" => Basic.Sleep(rest),
    "exit-with" => Basic.ExitWith(rest),
    "print" => Basic.Print(rest),
    "spam" => Basic.Spam(rest),
    "both-streams" => Basic.BothStreams(rest),
    "ignore-sigterm" => Basic.IgnoreSigterm(rest),
    "spawn-tree" => Tree.Spawn(rest),
    "fork-forever" => Tree.ForkForever(rest),
    "zombie" => Tree.Zombie(rest),
    "new-pgrp" => Escape.NewProcessGroup(rest),
    "daemonize" => Escape.Daemonize(rest),
    "daemon-child" => Escape.DaemonChild(rest),
    "listen" => Listen.Run(rest),
    "allocate" => Allocate.Run(rest),
    _ => Basic.Help(),
};
