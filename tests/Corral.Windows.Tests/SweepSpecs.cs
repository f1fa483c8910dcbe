using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>
/// "Kill what earlier runs left" on Windows (corral.exe under Wine): a tree nobody launched through corral is found by
/// its command line (read from the process's own memory where Wine lacks the information class), shown by a dry run
/// without being touched, then killed whole by kind.
/// </summary>
public sealed class SweepSpecs
{
    [WineFact(Timeout = 300_000)]
    public async Task A_leftover_tree_is_shown_by_a_dry_run_and_killed_whole_by_kind()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("corral.yaml"), $"sweep:\n  kinds:\n    pinger: \"ping -n {marker} \"\n");
        Process? leftover = null;
        try
        {
            // What an earlier test run that died would have left: a cmd /c ping tree started straight through Wine.
            leftover = Wine.StartProgram(folder.Path, new StringBuilder(), "cmd", "/c", $"ping -n {marker} 127.0.0.1");
            await Wine.UntilAsync(() => Wine.Carrying(marker).Any(p => Wine.IsPing(p.Pid)), "the leftover ping runs");

            var (_, dryRun) = await SweepAsync(folder.Path, "--match", $"ping -n {marker} ", "--dry-run", "--json");
            Assert.Contains(dryRun.GetProperty("selected").EnumerateArray(), p => p.GetProperty("command").GetString()!.Contains(marker, StringComparison.Ordinal));
            Assert.Equal(0, dryRun.GetProperty("killed").GetInt32());
            Assert.NotEmpty(Wine.Carrying(marker));

            var (code, swept) = await SweepAsync(folder.Path, "--kind", "pinger", "--json");
            Assert.Equal(0, code);
            Assert.True(swept.GetProperty("killed").GetInt32() >= 2, swept.ToString());
            await Wine.UntilAsync(() => Wine.Carrying(marker).Count == 0, "the swept tree is gone");
        }
        finally
        {
            Wine.KillAll(leftover, marker);
        }
    }

    [WineFact(Timeout = 300_000)]
    public async Task The_leftovers_of_a_dead_corral_are_found_by_their_tags_and_killed_while_untagged_processes_stay()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        var bystanderMarker = Wine.Marker();
        while (bystanderMarker == marker)
        {
            bystanderMarker = Wine.Marker();
        }
        Process? orphan = null;
        Process? bystander = null;
        try
        {
            // What a corral that died without its job closing would leave: a client tree tagged with an owner that is gone.
            var tags = new Dictionary<string, string> { ["CORRAL_OWNER"] = "99999-1", ["CORRAL_NAME"] = "client", ["CORRAL_UNIT"] = "client-0" };
            orphan = Wine.StartProgram(folder.Path, new StringBuilder(), tags, "cmd", "/c", $"ping -n {marker} 127.0.0.1");
            bystander = Wine.StartProgram(folder.Path, new StringBuilder(), "cmd", "/c", $"ping -n {bystanderMarker} 127.0.0.1");
            await Wine.UntilAsync(() => Wine.Carrying(marker).Any(p => Wine.IsPing(p.Pid)) && Wine.Carrying(bystanderMarker).Any(p => Wine.IsPing(p.Pid)), "both pings run");

            var (_, dryRun) = await SweepAsync(folder.Path, "--orphans", "--dry-run", "--json");
            var selected = dryRun.GetProperty("selected").EnumerateArray().Select(p => p.GetProperty("command").GetString()!).ToList();
            Assert.Contains(selected, command => command.Contains($"-n {marker} ", StringComparison.Ordinal));
            Assert.DoesNotContain(selected, command => command.Contains(bystanderMarker, StringComparison.Ordinal));
            Assert.Equal(0, dryRun.GetProperty("killed").GetInt32());

            var (code, swept) = await SweepAsync(folder.Path, "--orphans", "--json");
            Assert.Equal(0, code);
            Assert.True(swept.GetProperty("killed").GetInt32() >= 2, swept.ToString());
            await Wine.UntilAsync(() => Wine.Carrying(marker).Count == 0, "the orphaned tree is gone");
            Assert.Contains(Wine.Carrying(bystanderMarker), p => Wine.IsPing(p.Pid));
        }
        finally
        {
            Wine.KillAll(orphan, marker);
            Wine.KillAll(bystander, bystanderMarker);
        }
    }

    private static async Task<(int Code, JsonElement Report)> SweepAsync(string directory, params string[] args)
    {
        var output = new StringBuilder();
        using var sweep = Wine.Start(directory, output, ["sweep", .. args]);
        var code = await Wine.ExitCodeAsync(sweep);
        var text = output.ToString();
        return (code, JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone());
    }
}
