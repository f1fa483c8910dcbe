using Corral.Processes;

namespace Corral.Docker.Engine;

/// <summary>
/// Copies an engine log stream into a bot's log files (stderr apart when it has a file of its own) (so the daemon's log API and rotation work as for local bots)
/// and into its output buffer (for log probes and error messages).
/// </summary>
internal sealed class EngineLogSink(string? logFile, string? errorLogFile, string source, OutputBuffer output)
{
    /// <summary>Runs <paramref name="follow"/> until the stream ends, the engine fails or the follow is cancelled.</summary>
    public async Task RunAsync(Func<Action<string, bool>, Task> follow)
    {
        try
        {
            using var log = logFile is null ? null : new LogWriter(logFile);
            using var errorLog = logFile is null || errorLogFile is null ? null : new LogWriter(errorLogFile);
            await follow((line, isError) =>
            {
                (isError ? errorLog ?? log : log)?.WriteLine(line);
                output.Add(new OutputLine(source, isError, line));
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or DockerException or IOException)
        {
            // The unit is gone or its stop ended the follow.
        }
    }
}
