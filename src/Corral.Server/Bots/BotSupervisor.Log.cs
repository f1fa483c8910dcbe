using Microsoft.Extensions.Logging;

namespace Corral.Server.Bots;

public sealed partial class BotSupervisor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Launched bot {Name} as pid {Pid}")]
    private partial void LogLaunched(string name, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted bot {Name} (pid {Pid}) from an earlier daemon")]
    private partial void LogAdopted(string name, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot {Name} failed: {Error}")]
    private partial void LogFailed(string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot {Name} was being stopped when the earlier daemon died; finishing the stop")]
    private partial void LogFinishingStop(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The launch of bot {Name} was cut short by the earlier daemon's death before it was answered; undone ({Killed} process(es) killed)")]
    private partial void LogUndoneStart(string name, int killed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over {Folder} of a replaced daemon: killed {Count} process(es) nobody recorded: {Pids}")]
    private partial void LogTookOver(string folder, int count, string pids);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving {Count} bot(s) running for the next daemon to adopt")]
    private partial void LogKeptBots(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded {File}: added {Added}, removed {Removed}, changed {Changed}; restarted {Restarting}")]
    private partial void LogReloaded(string file, string added, string removed, string changed, string restarting);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reload refused, nothing changed: {Error}")]
    private partial void LogReloadRefused(string error);
}
