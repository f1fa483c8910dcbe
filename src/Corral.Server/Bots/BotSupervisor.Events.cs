using Corral.Server.Events;
using Corral.Server.State;
using Corral.Supervision;
using Corral.Contracts;

namespace Corral.Server.Bots;

/// <summary>The daemon's consumer of the lifecycle stream: the state file, the exit history, the log and the SSE stream.</summary>
public sealed partial class BotSupervisor
{
    private void Record(Bot bot, UnitEvent e)
    {
        try
        {
            switch (e.Kind)
            {
                case UnitEventKind.Launching:
                    // Progress only: the record changes when the launch has an outcome.
                    return;
                case UnitEventKind.Stopping:
                    // The intent first: if the daemon dies during the stop, the next one finishes it instead of
                    // applying the restart policy to a bot that was being stopped.
                    Save(bot, DesiredStopped);
                    return;
                case UnitEventKind.Stopped:
                    store.Delete(bot.Name);
                    store.RecordExit(bot.Name, e.ExitCode, "stopped", e.At);
                    break;
                case UnitEventKind.Exited:
                    store.RecordExit(bot.Name, e.ExitCode, "exited", e.At);
                    Save(bot);
                    break;
                case UnitEventKind.Failed:
                    LogFailed(bot.Name, e.Detail ?? "failed");
                    if (e.Report is { ProvenEmpty: false })
                    {
                        store.RecordExit(bot.Name, e.ExitCode, "stop failed", e.At);
                    }

                    Save(bot);
                    break;
                default:
                    Save(bot);
                    break;
            }

            if (e.Kind == UnitEventKind.Launched)
            {
                LogLaunched(bot.Name, e.Pid ?? 0);
            }
            else if (e.Kind == UnitEventKind.Adopted)
            {
                LogAdopted(bot.Name, e.Pid ?? 0);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The stream goes on: a state file that refused one write is said, and the next event writes again.
            LogFailed(bot.Name, "state not saved: " + error.Message);
        }

        events.Publish(new BotEvent(e.Kind.ToString().ToLowerInvariant(), bot.Name, e.At, e.Pid, e.Status, e.ExitCode, Describe(e), e.Killed));
    }

    private static string? Describe(UnitEvent e) => e.Kind switch
    {
        UnitEventKind.Ready => null,
        _ => e.Detail,
    };

    private void Save(Bot bot, string desired = DesiredRunning)
    {
        var process = bot.Instance;
        store.Save(new BotRecord(
            bot.Name,
            bot.Type,
            bot.ConfigJson,
            desired,
            bot.Status,
            process?.Pid,
            process?.StartTime,
            process?.UnitId,
            process?.Location,
            bot.Ports,
            bot.StartedAt,
            bot.Restarts,
            bot.ExitCode,
            bot.LogFile));
    }
}
