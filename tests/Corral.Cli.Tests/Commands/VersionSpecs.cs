using System.Runtime.InteropServices;
using Corral.Cli.Tests.Support;

namespace Corral.Cli.Tests.Commands;

/// <summary><c>corral --version</c> says what a bug report needs: the version, the commit and the platform of the build.</summary>
public sealed class VersionSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Version_names_the_release_the_commit_and_the_runtime_identifier()
    {
        var (code, run) = await CorralRun.RunAsync(Path.GetTempPath(), "--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^corral \d+\.\d+\.\d+\S* \(commit [0-9a-f]{7,40}, " + RuntimeInformation.RuntimeIdentifier + @"\)\s*$", run.Stdout);
    }
}
