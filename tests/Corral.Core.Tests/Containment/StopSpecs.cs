using Corral.Containment;
using Corral.Processes;
using Corral.Tests.Support;

namespace Corral.Tests.Containment;

/// <summary>Every escape trick a child can play is killed by a stop, on both containment paths.</summary>
public sealed class StopSpecs
{
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task Stopping_kills_a_daemonized_grandchild_that_holds_a_port(ContainmentPreference kind)
    {
        var port = Os.FreePort();
        var process = Launcher(kind).Start(Dummy.Spec("daemon", "daemonize", port.ToString()));
        try
        {
            await Wait.ForLineAsync(process, "daemonized");
            await Wait.UntilAsync(() => Os.IsListening(port), $"port {port} listens");
            var unitMembers = Os.CarriersOf(CorralEnvironment.Unit, process.Unit.Id);
            Assert.True(unitMembers.Count >= 2, "the daemon carries the unit tag");
        }
        finally
        {
            var report = await process.StopAsync();
            Assert.True(report.ProvenEmpty);
        }

        Assert.False(Os.IsListening(port));
        Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, process.Unit.Id));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task A_sigterm_ignorer_is_killed_after_the_grace(ContainmentPreference kind)
    {
        var process = Launcher(kind).Start(Dummy.Spec("stubborn", "ignore-sigterm") with { StopGrace = TimeSpan.FromMilliseconds(300) });
        StopReport report;
        try
        {
            await Wait.ForLineAsync(process, "ignoring SIGTERM");
        }
        finally
        {
            report = await process.StopAsync();
        }

        Assert.Contains(report.Killed, k => k.Pid == process.Pid);
        Assert.DoesNotContain(report.ExitedBySignal, k => k.Pid == process.Pid);
        Assert.Equal(128 + 9, report.ExitCode);
        Assert.True(report.Duration >= TimeSpan.FromMilliseconds(300));
        Assert.False(ProcessTable.IsAlive(process.Id));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task A_process_that_honours_sigterm_exits_by_the_signal(ContainmentPreference kind)
    {
        var process = Launcher(kind).Start(Dummy.Spec("polite", "sleep"));
        StopReport report;
        try
        {
            await Wait.ForLineAsync(process, "sleeping");
        }
        finally
        {
            report = await process.StopAsync();
        }

        Assert.Contains(report.ExitedBySignal, k => k.Pid == process.Pid);
        Assert.Empty(report.Killed);
        Assert.Equal(128 + 15, report.ExitCode);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task Stopping_kills_a_tree_of_200_descendants(ContainmentPreference kind)
    {
        var process = Launcher(kind).Start(Dummy.Spec("tree", "spawn-tree", "200"));
        try
        {
            await Wait.ForLineAsync(process, "tree of 200 spawned");
            await Wait.UntilAsync(() => process.ChildProcessCount >= 200, "all 200 descendants run");
        }
        finally
        {
            await process.StopAsync();
        }

        Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, process.Unit.Id));
        Assert.Empty(process.Unit.Members(process.Id));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task Stopping_kills_a_process_that_forks_continuously(ContainmentPreference kind)
    {
        var process = Launcher(kind).Start(Dummy.Spec("forker", "fork-forever") with { StopGrace = TimeSpan.FromMilliseconds(100) });
        try
        {
            await Wait.ForLineAsync(process, "forking forever");
            await Wait.UntilAsync(() => process.ChildProcessCount >= 10, "the forker has children");
        }
        finally
        {
            await process.StopAsync();
        }

        Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, process.Unit.Id));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Containments.Both), MemberType = typeof(Containments))]
    public async Task Stopping_kills_children_in_another_process_group_and_zombie_parents(ContainmentPreference kind)
    {
        var launcher = Launcher(kind);
        var pgrp = launcher.Start(Dummy.Spec("pgrp", "new-pgrp"));
        var zombie = launcher.Start(Dummy.Spec("zombie", "zombie"));
        try
        {
            await Wait.ForLineAsync(pgrp, "new process group");
            await Wait.ForLineAsync(zombie, "zombie left");
        }
        finally
        {
            await pgrp.StopAsync();
            await zombie.StopAsync();
        }

        Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, pgrp.Unit.Id));
        Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, zombie.Unit.Id));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_cgroup_catches_a_daemon_that_wiped_its_environment()
    {
        if (!Os.CgroupUsable)
        {
            return;
        }

        var port = Os.FreePort();
        var process = Launcher(ContainmentPreference.Cgroup).Start(Dummy.Spec("wiped", "daemonize", port.ToString(), "--wipe-env"));
        try
        {
            await Wait.UntilAsync(() => Os.IsListening(port), $"port {port} listens");
        }
        finally
        {
            await process.StopAsync();
        }

        Assert.False(Os.IsListening(port));
    }

    [Fact(Timeout = 180_000)]
    public async Task The_session_fallback_catches_a_daemon_that_wiped_its_environment_as_a_stray()
    {
        var port = Os.FreePort();
        var launcher = Launcher(ContainmentPreference.Session);
        var process = launcher.Start(Dummy.Spec("wiped", "daemonize", port.ToString(), "--wipe-env"));
        try
        {
            await Wait.UntilAsync(() => Os.IsListening(port), $"port {port} listens");
        }
        finally
        {
            await process.StopAsync();
            await launcher.Containment.KillStraysAsync();
        }

        Assert.False(Os.IsListening(port), string.Join("; ", Corral.Ports.PortInspector.FindHolders([port]).Select(h => $"{h.Pid} {h.Command} {ProcessTable.Get(h.Pid)}")) + " self " + ProcessTable.Get(Environment.ProcessId));
    }

    [Fact(Timeout = 180_000)]
    public async Task Every_process_carries_its_owner_and_name()
    {
        var process = Launcher(ContainmentPreference.Auto).Start(Dummy.Spec("tagged", "sleep"));
        try
        {
            await Wait.ForLineAsync(process, "sleeping");
            var environment = ProcessTable.ReadCorralEnvironment(process.Pid);
            Assert.Equal(ProcessTable.Self.ToString(), environment[CorralEnvironment.Owner]);
            Assert.Equal("tagged", environment[CorralEnvironment.Name]);
            Assert.Equal(process.Unit.Id, environment[CorralEnvironment.Unit]);
        }
        finally
        {
            await process.StopAsync();
        }
    }

    private static ProcessLauncher Launcher(ContainmentPreference kind) => new(ContainmentProvider.Detect(kind));
}
