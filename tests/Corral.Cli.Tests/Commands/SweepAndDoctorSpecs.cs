using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Corral.Cli.Tests.Support;
using Corral.Processes;

namespace Corral.Cli.Tests.Commands;

public sealed class SweepAndDoctorSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Sweep_match_dry_run_counts_and_kills_nothing_then_kills_the_tree()
    {
        var marker = "sweep-marker-" + Guid.NewGuid().ToString("N");
        var info = new ProcessStartInfo(CorralRun.Dummy) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "spawn-tree", "3", marker })
        {
            info.ArgumentList.Add(arg);
        }

        using var victim = Process.Start(info)!;
        try
        {
            Assert.Contains("tree of 3 spawned", await victim.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);

            var (dryCode, dry) = await CorralRun.RunAsync(Path.GetTempPath(), "sweep", "--match", marker, "--dry-run", "--json");
            await using (dry)
            {
                Assert.Equal(0, dryCode);
                using var report = JsonDocument.Parse(dry.Stdout);
                Assert.Equal(4, report.RootElement.GetProperty("selected").GetArrayLength());
                Assert.False(victim.HasExited);
            }

            var (code, sweep) = await CorralRun.RunAsync(Path.GetTempPath(), "sweep", "--match", marker);
            await using (sweep)
            {
                Assert.Equal(0, code);
                Assert.Contains("killed 4 process(es)", sweep.Stdout, StringComparison.Ordinal);
                await victim.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            }
        }
        finally
        {
            if (!victim.HasExited)
            {
                victim.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Doctor_names_the_pid_holding_a_busy_port_and_exits_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();

        var (entry, containment) = await DoctorOnHeldPortAsync(((IPEndPoint)holder.LocalEndpoint).Port);

        Assert.Equal("tcp", entry.GetProperty("protocol").GetString());
        Assert.NotEmpty(containment);
    }

    [Fact(Timeout = 180_000)]
    public async Task Doctor_names_the_pid_holding_a_udp_port_and_says_udp()
    {
        using var holder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var (entry, _) = await DoctorOnHeldPortAsync(((IPEndPoint)holder.Client.LocalEndPoint!).Port);

        Assert.Equal("udp", entry.GetProperty("protocol").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task Sweep_never_touches_itself_or_its_ancestors()
    {
        var (code, run) = await CorralRun.RunAsync(Path.GetTempPath(), "sweep", "--match", "corral|testhost|dotnet", "--dry-run", "--json");
        await using var _ = run;

        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(run.Stdout);
        var pids = report.RootElement.GetProperty("selected").EnumerateArray().Select(p => p.GetProperty("pid").GetInt32()).ToList();
        Assert.DoesNotContain(Environment.ProcessId, pids);
        Assert.DoesNotContain(run.Owner.Pid, pids);
    }

    // corral doctor --ports on a port this test process holds: busy, exit 1, held by this pid.
    private static async Task<(JsonElement Entry, string Containment)> DoctorOnHeldPortAsync(int port)
    {
        var (code, run) = await CorralRun.RunAsync(Path.GetTempPath(), "doctor", "--ports", port.ToString(), "--json");
        await using var _ = run;

        Assert.Equal(1, code);
        using var report = JsonDocument.Parse(run.Stdout);
        var entry = report.RootElement.GetProperty("ports")[0].Clone();
        Assert.False(entry.GetProperty("free").GetBoolean());
        Assert.Equal(Environment.ProcessId, entry.GetProperty("pid").GetInt32());
        return (entry, report.RootElement.GetProperty("containment").GetString()!);
    }
}
