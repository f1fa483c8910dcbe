using Corral.Cli.Tests.Support;

namespace Corral.Cli.Tests.Commands;

/// <summary>
/// The README's quickstart, from a copy of examples/quickstart: three clients on 8080..8082 (each with a helper child),
/// the test command run once all answer, everything torn down. Both test commands: check.sh, and check.py for machines
/// without sh (Windows). The cases share the fixed ports, so they run one after the other (one class).
/// </summary>
public sealed class QuickstartSpecs
{
    [Theory(Timeout = 180_000)]
    [InlineData("./check.sh")]
    [InlineData("python3 check.py")]
    public async Task The_quickstart_checks_every_client_and_leaves_nothing_running(string check)
    {
        using var folder = new TempFleet(File.ReadAllText(Path.Combine(Examples, "fleet.yaml")));
        foreach (var file in Directory.GetFiles(Examples).Where(f => Path.GetFileName(f) != "fleet.yaml"))
        {
            var copy = Path.Combine(folder.Directory, Path.GetFileName(file));
            File.Copy(file, copy); // with its mode: check.sh stays executable
        }

        var (code, run) = await CorralRun.RunAsync(folder.Directory, ["up", "fleet.yaml", "--", .. check.Split(' ')]);
        await using var _ = run;

        Assert.True(code == 0, run.Stderr + run.Stdout);
        foreach (var port in new[] { 8080, 8081, 8082 })
        {
            Assert.Contains($"({port}) -> {{\"status\": \"ok\", \"port\": {port}", run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("nothing left running", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Launched());
    }

    private static string Examples
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Corral.slnx")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("no Corral.slnx above the tests"), "examples", "quickstart");
        }
    }
}
