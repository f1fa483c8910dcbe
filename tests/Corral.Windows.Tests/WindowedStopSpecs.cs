using System.Text;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>
/// A windowed client (Wine's notepad standing in for UnrealEditor.exe) is stopped as a user would close it: WM_CLOSE
/// on its window, and it exits on its own well inside its grace, so nothing has to be killed.
/// </summary>
public sealed class WindowedStopSpecs
{
    [WineDisplayFact(Timeout = 300_000)]
    public async Task A_windowed_client_closes_on_WM_CLOSE_within_its_grace_and_nothing_is_killed()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File($"{marker}.txt"), "a document the editor has open\n");
        File.WriteAllText(folder.File("fleet.yaml"), $$"""
            processes:
              editor:
                command: ["notepad", "{{marker}}.txt"]
                stop: { grace: 60s }
            """);
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml", "--", "cmd", "/c", "ping -n 3 127.0.0.1");
            Assert.Equal(0, await Wine.ExitCodeAsync(corral));

            var stopped = output.ToString().Split('\n').Single(l => l.Contains("editor: stopped in", StringComparison.Ordinal));
            Assert.Contains("1 signalled, 1 exited", stopped, StringComparison.Ordinal);
            Assert.Contains("0 killed", stopped, StringComparison.Ordinal);
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }
}
