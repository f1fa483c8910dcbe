using Microsoft.Extensions.Logging;

namespace Corral.Server.Bots;

public sealed partial class BotSupervisor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Launched bot {Name} as pid {Pid}")]
    private partial void LogLaunched(string name, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted bot {Name} (pid {Pid}) from an earlier daemon")]
    private partial void LogAdopted(string name, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot {Name} died while no daemon watched it")]
    private partial void LogDiedMeanwhile(string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not clean up after bot {Name}: {Error}")]
    private partial void LogCleanupFailed(string name, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot {Name} failed in the background: {Error}")]
    private partial void LogBackgroundFailure(string name, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot {Name} could not be proven stopped; still alive: {Survivors}")]
    private partial void LogSurvivors(string name, string survivors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving {Count} bot(s) running for the next daemon to adopt")]
    private partial void LogKeptBots(int count);
}
