using Corral.Processes;

namespace Corral.Server.Logs;

/// <summary>One file of a bot's output and the stream it holds: <c>NAME.log</c> stdout, <c>NAME.stderr</c> stderr.</summary>
public sealed record LogSource(string Path, string Stream)
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";

    /// <summary>The files of a bot's log that <paramref name="stream"/> (stdout, stderr, or null for both) asks for.</summary>
    public static IReadOnlyList<LogSource> Of(string logFile, string? stream) =>
        logFile.Length == 0 ? [] : stream switch
        {
            Stdout => [new(logFile, Stdout)],
            Stderr => [new(LogNames.StderrOf(logFile), Stderr)],
            _ => [new(logFile, Stdout), new(LogNames.StderrOf(logFile), Stderr)],
        };
}
