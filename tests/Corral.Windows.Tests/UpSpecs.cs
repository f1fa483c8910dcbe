using System.Text;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>
/// The multi-client test workflow on Windows (a win-x64 corral.exe under Wine): clients start inside Job Objects, the
/// test command's exit code is corral's, and neither a teardown nor corral's own death leaves a client running.
/// </summary>
public sealed class UpSpecs
{
    [WineFact(Timeout = 300_000)]
    public async Task Up_runs_the_test_command_among_its_clients_returns_its_exit_code_and_leaves_nothing()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("fleet.yaml"), Fleet(marker, replicas: 3));
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml", "--", "cmd", "/c", "exit 3");

            Assert.Equal(3, await Wine.ExitCodeAsync(corral));
            Assert.Contains("all 3 process(es) ready", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("exited by WM_CLOSE/CTRL_BREAK", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("nothing left running", output.ToString(), StringComparison.Ordinal);
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }

    [WineFact(Timeout = 300_000)]
    public async Task A_corral_killed_outright_takes_every_client_with_it()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("fleet.yaml"), Fleet(marker, replicas: 2));
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml");
            await Wine.UntilAsync(() => Wine.Carrying(marker).Count(p => Wine.IsPing(p.Pid)) == 2, "both clients' ping runs");

            // SIGKILL of the Wine process is TerminateProcess for Windows: no teardown code runs. The kernel (here
            // wineserver) closes corral's job handles, and KILL_ON_JOB_CLOSE ends the clients and their children.
            corral.Kill();
            await Wine.UntilAsync(() => Wine.Carrying(marker).Count == 0, "the clients died with their job\n" + output);
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }

    [WineFact(Timeout = 300_000)]
    public async Task A_grandchild_whose_parent_exited_is_still_in_the_job_and_goes_at_teardown()
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("fleet.yaml"), $$"""
            processes:
              starter:
                command: ["cmd", "/c", "start /b ping -n {{marker}} 127.0.0.1"]
                stop: { grace: 1s }
            """);
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml", "--", "cmd", "/c", "ping -n 8 127.0.0.1");

            // The starter's cmd has exited; its ping lives on with no parent, as a detached helper would.
            await Wine.UntilAsync(
                () => Wine.Carrying(marker) is var left && left.Count == 1 && Wine.IsPing(left[0].Pid),
                "the orphaned ping runs alone\n" + output);
            await Wine.ExitCodeAsync(corral);
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }

    // Each client is cmd.exe with a ping child: a tree of two Windows processes; the ping count is the run's marker.
    private static string Fleet(string marker, int replicas) => $$"""
        processes:
          client:
            command: ["cmd", "/c", "ping -n {{marker}} 127.0.0.1"]
            replicas: {{replicas}}
            stop: { grace: 1s }
        """;
}
