using System.Net;
using System.Net.Sockets;
using Corral.Exceptions;
using Corral.Fleet;
using Corral.Processes;
using Corral.Readiness;
using Corral.Supervision;
using Corral.Tests.Support;

namespace Corral.Tests.Fleet;

/// <summary>A fleet starts in dependency order, waits for readiness, and always leaves nothing behind.</summary>
public sealed class FleetSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Up_starts_replicas_on_consecutive_ports_and_down_frees_them()
    {
        var first = FreeRange(3);
        var spec = new FleetSpec([
            Listener("client", first) with { Replicas = 3 },
        ]);

        var fleet = await Corral.Fleet.Fleet.UpAsync(spec);
        try
        {
            Assert.Equal([first, first + 1, first + 2], fleet.Members.Select(m => m.Port!.Value));
            Assert.All(fleet.Members, m => Assert.True(Os.IsListening(m.Port!.Value)));
            Assert.Equal((first + 2).ToString(), fleet.PortEnvironment["CORRAL_PORT_CLIENT_2"]);
        }
        finally
        {
            var report = await fleet.DownAsync();
            Assert.True(report.ProvenEmpty);
        }

        Assert.All(fleet.Members, m => Assert.False(Os.IsListening(m.Port!.Value)));
        Assert.All(fleet.Members, m => Assert.Empty(Os.CarriersOf(CorralEnvironment.Unit, m.Process!.Unit.Id)));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_dependent_starts_only_after_its_dependency_is_ready_and_stops_first()
    {
        var events = new List<UnitEvent>();
        var spec = new FleetSpec([
            Listener("client", 0) with { Port = PortSpec.Auto, DependsOn = ["server"] },
            Listener("server", 0, readyAfterMs: 300) with { Port = PortSpec.Auto },
        ]);

        await using (var fleet = await Corral.Fleet.Fleet.UpAsync(spec, new FleetOptions { OnEvent = Record(events) }, default))
        {
        }

        var log = Snapshot(events);
        Assert.True(Index(log, UnitEventKind.Ready, "server") < Index(log, UnitEventKind.Launching, "client"));
        Assert.True(Index(log, UnitEventKind.Stopped, "client") < Index(log, UnitEventKind.Stopping, "server"));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_readiness_timeout_names_the_process_and_tears_everything_down()
    {
        var spec = new FleetSpec([
            new ProcessSpec("helper", Dummy.Command("sleep")),
            new ProcessSpec("mute", Dummy.Command("sleep")) with
            {
                Readiness = new ProbeSpec(ProbeKind.Tcp, "127.0.0.1:1") { Timeout = TimeSpan.FromMilliseconds(400) },
                DependsOn = ["helper"],
            },
        ]);
        var events = new List<UnitEvent>();

        var error = await Assert.ThrowsAsync<ReadinessException>(() =>
            Corral.Fleet.Fleet.UpAsync(spec, new FleetOptions { OnEvent = Record(events) }, default));

        Assert.Equal("mute", error.Name);
        Assert.Contains("tcp 127.0.0.1:1", error.Message, StringComparison.Ordinal);
        var pids = Snapshot(events).Where(e => e.Kind == UnitEventKind.Launched).Select(e => e.Pid!.Value).ToList();
        Assert.Equal(2, pids.Count);
        Assert.All(pids, pid => Assert.True(ProcessTable.Get(pid) is null or { IsDead: true }));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_process_that_exits_before_it_is_ready_fails_the_wait_at_once_with_its_exit_code()
    {
        var spec = new FleetSpec([
            new ProcessSpec("crasher", Dummy.Command("exit-with", "3")) with
            {
                Readiness = new ProbeSpec(ProbeKind.Tcp, "127.0.0.1:1") { Timeout = TimeSpan.FromMinutes(5) },
            },
        ]);

        var error = await Assert.ThrowsAsync<ReadinessException>(() => Corral.Fleet.Fleet.UpAsync(spec).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(3, error.ExitCode);
        Assert.Contains(error.LastLines, l => l.Contains("exiting with 3", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_busy_port_is_refused_before_launch_naming_the_holder()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var events = new List<UnitEvent>();

        var error = await Assert.ThrowsAsync<PortInUseException>(() =>
            Corral.Fleet.Fleet.UpAsync(new FleetSpec([Listener("web", port)]), new FleetOptions { OnEvent = Record(events) }, default));

        Assert.Contains(error.Holders, h => h.Pid == Environment.ProcessId && h.Port == port);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Snapshot(events));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_port_held_by_a_udp_socket_is_refused_before_launch_naming_the_holder_and_the_protocol()
    {
        using var holder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.Client.LocalEndPoint!).Port;
        var events = new List<UnitEvent>();

        var error = await Assert.ThrowsAsync<PortInUseException>(() =>
            Corral.Fleet.Fleet.UpAsync(new FleetSpec([Listener("game", port)]), new FleetOptions { OnEvent = Record(events) }, default));

        Assert.Contains(error.Holders, h => h.Pid == Environment.ProcessId && h.Port == port && h.Protocol == "udp");
        Assert.Contains($"Port {port}/udp", error.Message, StringComparison.Ordinal);
        Assert.Empty(Snapshot(events));
    }

    [Fact(Timeout = 180_000)]
    public async Task Log_and_exec_probes_detect_readiness()
    {
        var spec = new FleetSpec([
            new ProcessSpec("logger", Dummy.Command("sleep")) with { Readiness = new ProbeSpec(ProbeKind.Log, "sleeping pid \\d+") },
            Listener("web", 0) with
            {
                Port = PortSpec.Auto,
                Readiness = new ProbeSpec(ProbeKind.Exec, "bash -c 'exec 3<>/dev/tcp/127.0.0.1/{port}'"),
            },
        ]);

        await using var fleet = await Corral.Fleet.Fleet.UpAsync(spec);

        Assert.Equal(2, fleet.Members.Count);
        Assert.True(Os.IsListening(fleet.Members.Single(m => m.Spec.Name == "web").Port!.Value));
    }

    [Fact(Timeout = 180_000)]
    public async Task Cancelling_start_up_tears_down_what_was_started()
    {
        var events = new List<UnitEvent>();
        using var cancel = new CancellationTokenSource();
        var spec = new FleetSpec([
            new ProcessSpec("slow", Dummy.Command("sleep")) with { Readiness = new ProbeSpec(ProbeKind.Tcp, "127.0.0.1:1") },
        ]);
        var options = new FleetOptions
        {
            OnEvent = e =>
            {
                Record(events)(e);
                if (e.Kind == UnitEventKind.Launched)
                {
                    cancel.CancelAfter(100);
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Corral.Fleet.Fleet.UpAsync(spec, options, cancel.Token));

        var pid = Snapshot(events).Single(e => e.Kind == UnitEventKind.Launched).Pid!.Value;
        Assert.True(ProcessTable.Get(pid) is null or { IsDead: true });
    }

    [Fact(Timeout = 180_000)]
    public async Task A_dependency_cycle_is_rejected_before_anything_starts()
    {
        var spec = new FleetSpec([
            new ProcessSpec("a", Dummy.Command("sleep")) with { DependsOn = ["b"] },
            new ProcessSpec("b", Dummy.Command("sleep")) with { DependsOn = ["a"] },
        ]);

        var error = await Assert.ThrowsAsync<FleetSpecException>(() => Corral.Fleet.Fleet.UpAsync(spec));

        Assert.Contains("a -> b -> a", error.Message, StringComparison.Ordinal);
    }

    private static ProcessSpec Listener(string name, int port, int readyAfterMs = 0) =>
        new ProcessSpec(name, Dummy.Command("listen", "{port}", "--ready-after", readyAfterMs.ToString()))
        {
            Port = PortSpec.Fixed(port),
            Readiness = new ProbeSpec(ProbeKind.Http, "http://127.0.0.1:{port}/status"),
            StopGrace = TimeSpan.FromSeconds(5),
        };

    private static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 60000);
            if (Enumerable.Range(first, count).All(Corral.Ports.PortInspector.IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no free port range");
    }

    private static Action<UnitEvent> Record(List<UnitEvent> events) => e =>
    {
        lock (events)
        {
            events.Add(e);
        }
    };

    private static List<UnitEvent> Snapshot(List<UnitEvent> events)
    {
        lock (events)
        {
            return [.. events];
        }
    }

    private static int Index(List<UnitEvent> log, UnitEventKind kind, string process) =>
        log.FindIndex(e => e.Kind == kind && e.Unit == process) is var i and >= 0
            ? i
            : throw new InvalidOperationException($"no {kind} event for {process}");
}
