using Corral.Exceptions;

namespace Corral.Cli.Client;

/// <summary>The daemon could not be reached or refused the request; carries the exit code to return.</summary>
internal sealed class DaemonException(int exitCode, string message) : CorralException(message)
{
    public int ExitCode { get; } = exitCode;
}
