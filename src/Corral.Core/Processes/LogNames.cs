namespace Corral.Processes;

/// <summary>
/// Where a process's stderr is kept beside its log: <c>NAME.log</c> holds stdout, <c>NAME.stderr</c> stderr (as
/// supervisord and PM2 keep two files). No name a bot can have gives another bot's stderr file: those end in <c>.log</c>.
/// </summary>
public static class LogNames
{
    public const string StderrSuffix = ".stderr";

    public static string StderrOf(string logFile) =>
        (logFile.EndsWith(".log", StringComparison.Ordinal) ? logFile[..^4] : logFile) + StderrSuffix;
}
