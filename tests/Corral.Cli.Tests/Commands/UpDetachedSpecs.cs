using System.Text.Json;
using Corral.Cli.Tests.Support;
using Corral.Processes;
using Corral.Signals;

namespace Corral.Cli.Tests.Commands;

/// <summary><c>corral up -d</c>: back once every process is ready, the fleet left to a detached corral that down ends.</summary>
public sealed class UpDetachedSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task Up_d_returns_once_ready_leaves_the_fleet_running_and_down_ends_it()
    {
        using var fleet = new TempFleet(TempFleet.TwoTrees);
        ProcessId? detached = null;
        try
        {
            var (code, run) = await CorralRun.RunAsync(fleet.Directory, "up", "-d", fleet.Path);
            var (_, ps) = await CorralRun.RunAsync(fleet.Directory, "ps", fleet.Path, "--json");
            detached = RunOwner(fleet.Path);

            Assert.Equal(0, code);
            Assert.Contains("every process ready", run.Stderr, StringComparison.Ordinal);
            Assert.All(JsonDocument.Parse(ps.Stdout).RootElement.GetProperty("bots").EnumerateArray(), b => Assert.Equal("running", b.GetProperty("status").GetString()));
            Assert.True(ProcessTable.IsAlive(detached!.Value));
            Assert.NotEqual(ProcessTable.Get(Environment.ProcessId)!.Session, ProcessTable.Get(detached.Value.Pid)!.Session);

            var (downCode, _) = await CorralRun.RunAsync(fleet.Directory, "down", fleet.Path);

            Assert.Equal(0, downCode);
            Assert.False(ProcessTable.IsAlive(detached.Value));
        }
        finally
        {
            if (detached is { } owner && ProcessTable.IsAlive(owner))
            {
                ProcessSignaller.Send(owner, Signal.Kill);
                await Sweep.Sweeper.KillOwnerAsync(owner.ToString());
            }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Up_d_fails_with_the_detached_corral_s_last_lines_when_the_fleet_cannot_start()
    {
        using var fleet = new TempFleet("processes:\n  broken:\n    command: [DUMMY, exit-with, \"3\"]\n    readiness: { log: \"never\", timeout: 30s }\n");

        var (code, run) = await CorralRun.RunAsync(fleet.Directory, "up", "-d", fleet.Path);

        Assert.NotEqual(0, code);
        Assert.Contains("before the fleet was ready", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("broken", run.Stderr, StringComparison.Ordinal);
    }

    private static ProcessId? RunOwner(string fleet)
    {
        var path = Path.Combine(Path.GetDirectoryName(fleet)!, ".corral", Path.GetFileName(fleet) + ".run.json");
        var owner = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("owner").GetString()!;
        return ProcessId.TryParse(owner, out var id) ? id : null;
    }
}
