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

    private static async Task<(int Code, JsonElement Report)> SweepAsync(string directory, params string[] args)
    {
        var output = new StringBuilder();
        using var sweep = Wine.Start(directory, output, ["sweep", .. args]);
        var code = await Wine.ExitCodeAsync(sweep);
        var text = output.ToString();
        return (code, JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone());
    }
}
