using System.Text.Json;
using Corral.Cli.Tests.Support;

namespace Corral.Cli.Tests.Commands;

/// <summary>A running fleet driven from another shell as with compose: ps, logs, restart, down, by its fleet file.</summary>
public sealed class FleetVerbSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task Ps_logs_and_restart_reach_the_corral_up_running_the_fleet_and_down_ends_it()
    {
        using var fleet = new TempFleet(TempFleet.TwoTrees);
        await using var up = CorralRun.Start(fleet.Directory, "up", fleet.Path);
        await up.WaitForStderrAsync("all 2 process(es) ready");

        var (psCode, ps) = await CorralRun.RunAsync(fleet.Directory, "ps", fleet.Path, "--json");
        var (logsCode, logs) = await CorralRun.RunAsync(fleet.Directory, "logs", fleet.Path);
        var (_, jsonLogs) = await CorralRun.RunAsync(fleet.Directory, "logs", fleet.Path, "--json");
        var (_, lastHour) = await CorralRun.RunAsync(fleet.Directory, "logs", fleet.Path, "--since", "1h");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var cut = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var (sinceCode, sinceCut) = await CorralRun.RunAsync(fleet.Directory, "logs", fleet.Path, "--since", cut);
        var before = Bots(ps.Stdout).ToDictionary(b => b.GetProperty("bot_name").GetString()!, b => b.GetProperty("pid").GetInt32());
        var (restartCode, _) = await CorralRun.RunAsync(fleet.Directory, "restart", fleet.Path, "tree#1");
        var (_, after) = await CorralRun.RunAsync(fleet.Directory, "ps", fleet.Path, "--json");
        var restarted = Bots(after.Stdout).Single(b => b.GetProperty("bot_name").GetString() == "tree#1");
        var (downCode, _) = await CorralRun.RunAsync(fleet.Directory, "down", fleet.Path);

        Assert.Equal((0, 0, 0, 0), (psCode, logsCode, restartCode, downCode));
        Assert.Equal(["tree#0", "tree#1"], before.Keys.Order());
        Assert.Contains("tree#0 | tree of 1 spawned", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("tree#0 | tree of 1 spawned", lastHour.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, sinceCode);
        Assert.Equal("", sinceCut.Stdout);
        Assert.Contains(
            jsonLogs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement),
            l => l.GetProperty("bot").GetString() == "tree#1" && l.GetProperty("line").GetString()!.StartsWith("tree of 1 spawned", StringComparison.Ordinal));
        Assert.Equal(1, restarted.GetProperty("restarts").GetInt32());
        Assert.NotEqual(before["tree#1"], restarted.GetProperty("pid").GetInt32());
        Assert.Equal(0, await up.WaitForExitAsync());
        Assert.Empty(up.Launched());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_fleet_nobody_runs_is_said_so()
    {
        using var fleet = new TempFleet("processes:\n  p:\n    command: [DUMMY, sleep]\n");

        var (code, run) = await CorralRun.RunAsync(fleet.Directory, "ps", fleet.Path);

        Assert.NotEqual(0, code);
        Assert.Contains("No corral up is running", run.Stderr, StringComparison.Ordinal);
    }

    private static List<JsonElement> Bots(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("bots").EnumerateArray()];
}
