using System.Text;
using Corral.Processes;

namespace Corral.Docker.Engine;

/// <summary>
/// Copies an engine log stream into a bot's log file (so the daemon's log API and rotation work as for local bots)
/// and into its output buffer (for log probes and error messages).
/// </summary>
internal sealed class EngineLogSink(string? logFile, string source, OutputBuffer output)
{
    private readonly Lock gate = new();

    /// <summary>Runs <paramref name="follow"/> until the stream ends, the engine fails or the follow is cancelled.</summary>
    public async Task RunAsync(Func<Action<string, bool>, Task> follow)
    {
        try
        {
            if (logFile is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            }

            await using var log = logFile is null ? null : new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            await follow((line, isError) =>
            {
                lock (gate)
                {
                    // Seek to the end first: rotation truncates the file under us (.NET has no O_APPEND).
                    log?.Seek(0, SeekOrigin.End);
                    log?.Write(Encoding.UTF8.GetBytes(line + "\n"));
                    log?.Flush();
                }

                output.Add(new OutputLine(source, isError, line));
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or DockerException or IOException)
        {
            // The unit is gone or its stop ended the follow.
        }
    }
}
