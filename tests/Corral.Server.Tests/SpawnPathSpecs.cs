using System.Net;
using System.Net.Http.Json;
using Corral.Contracts;
using Corral.Processes;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>
/// Both ways a daemon starts a bot, the native spawner (one exec) and the portable shell path (<c>CORRAL_SPAWN=shell</c>,
/// what a build without a C compiler uses), give the same bot: in its cgroup, its own session, its stdout in its log and its stderr beside it,
/// stopped whole with its exit status.
/// </summary>
public sealed class SpawnPathSpecs
{
    private const string Types = """
        types:
          tree:
            command: [/bin/sh, -c, "echo to stdout; echo to stderr >&2; sleep 100000 & exec sleep 100000"]
            readiness: { log: "to stderr" }
        """;

    [CgroupTheory(Timeout = 180_000)]
    [InlineData("native")]
    [InlineData("shell")]
    public async Task A_bot_starts_contained_in_its_own_session_with_its_output_in_its_log(string path)
    {
        var environment = new Dictionary<string, string> { ["CORRAL_SPAWN"] = path };
        await using var daemon = await Daemon.StartAsync(Types, environment);
        using var launched = await daemon.LaunchAsync("b1", "tree", waitReady: true);
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        var bot = await daemon.GetAsync("b1");
        var pid = bot.Pid!.Value;

        var info = ProcessTable.Get(pid)!;
        Assert.Equal(daemon.Owner.Pid, info.ParentPid);
        Assert.Equal(pid, info.Session);
        var cgroup = File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.StartsWith("0::", StringComparison.Ordinal));
        Assert.EndsWith("/" + Path.GetFileName(bot.Unit!), cgroup, StringComparison.Ordinal);
        Assert.Equal(1, bot.ChildProcesses);
        Assert.Equal(["to stdout"], File.ReadAllLines(bot.LogFile));
        Assert.Equal(["to stderr"], File.ReadAllLines(LogNames.StderrOf(bot.LogFile)));

        using var stopped = await daemon.Http.PostAsync("v1/launcher/stop/b1", null);
        var report = (await stopped.Content.ReadFromJsonAsync<StopReportDto>(Daemon.Json))!;
        Assert.True(report.ProvenEmpty);
        Assert.Equal(2, report.Signalled.Count);
        Assert.Equal(128 + 15, report.ExitCode);
        Assert.Empty(daemon.Launched());
    }
}
