using System.Text;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>A stop asks a console client first: CTRL_BREAK to the process group it leads, then the job's end after the grace.</summary>
public sealed class CtrlBreakSpecs
{
    [WineCtrlBreakFact(Timeout = 300_000)]
    public async Task A_console_client_asked_by_ctrl_break_exits_within_its_grace_and_nothing_is_killed()
    {
        // The client is a corral.exe up of its own around one ping: .NET hands it CTRL_BREAK as SIGQUIT, on which corral
        // tears its fleet down and exits, well inside the outer grace.
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("inner.yaml"), $$"""
            processes:
              pinger:
                command: ["cmd", "/c", "ping -n {{marker}} 127.0.0.1"]
            """);
        File.WriteAllText(folder.File("fleet.yaml"), $$"""
            processes:
              client:
                command: ["{{WindowsPath(Wine.Corral!)}}", "up", "inner.yaml"]
                readiness: { log: "all 1 process\\(es\\) ready", timeout: 120s }
                stop: { grace: 60s }
            """);
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml", "--", "cmd", "/c", "exit 0");

            Assert.Equal(0, await Wine.ExitCodeAsync(corral));
            Assert.Contains("0 killed", output.ToString(), StringComparison.Ordinal);
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }

    // Wine maps the Unix root to drive Z:.
    private static string WindowsPath(string unixPath) => "Z:" + unixPath.Replace('/', '\\').Replace("\\", "\\\\", StringComparison.Ordinal);
}
