using System.Text;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>
/// <c>console: new</c> (corral.exe under Wine, on a private Xvfb display): the client runs in a console window of its
/// own, as the old workflow opened each client, so its output is not in corral's; the console's host process is in
/// the client's job, and the teardown leaves nothing.
/// </summary>
public sealed class ConsoleSpecs
{
    [WineDisplayFact(Timeout = 300_000)]
    public async Task A_client_with_a_console_of_its_own_prints_there_and_goes_at_teardown()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("fleet.yaml"), $$"""
            processes:
              client:
                command: ["cmd", "/c", "ping -n {{marker}} 127.0.0.1"]
                console: new
                stop: { grace: 1s }
              captured:
                command: ["cmd", "/c", "echo captured line && ping -n {{marker}} 127.0.0.1"]
                stop: { grace: 1s }
            """);
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml", "--", "cmd", "/c", "ping -n 3 127.0.0.1");
            Assert.Equal(0, await Wine.ExitCodeAsync(corral));

            var lines = output.ToString().Split('\n');
            Assert.Contains(lines, l => l.StartsWith("captured |", StringComparison.Ordinal) && l.Contains("captured line", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("client |", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("client: stopped in", StringComparison.Ordinal) && l.Contains("3 signalled", StringComparison.Ordinal));
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }
}
