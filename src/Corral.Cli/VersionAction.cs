using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Corral.Cli;

/// <summary><c>corral --version</c>: the version, the commit it was built from, and the platform it was built for.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var informational = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var (version, commit) = plus < 0 ? (informational, "unknown") : (informational[..plus], informational[(plus + 1)..]);
        Console.Out.WriteLine($"corral {version} (commit {commit}, {RuntimeInformation.RuntimeIdentifier})");
        return ExitCodes.Success;
    }
}
