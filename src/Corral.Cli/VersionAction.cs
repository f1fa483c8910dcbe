using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Corral.Contracts;

namespace Corral.Cli;

/// <summary><c>corral --version</c>: the version, the commit it was built from, and the platform it was built for.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        Console.Out.WriteLine($"corral {BuildInfo.Version} (commit {BuildInfo.Commit}, {RuntimeInformation.RuntimeIdentifier})");
        return ExitCodes.Success;
    }
}
