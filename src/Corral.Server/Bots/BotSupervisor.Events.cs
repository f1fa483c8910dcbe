using Corral.Server.Events;
using Corral.Server.Hosting;
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
                    // Write-ahead: the unit is recorded before anything runs in it, so a daemon killed between the
                    // exec and the record of the exec leaves nothing the next daemon cannot find. Not published.
                    bot.Planned = e.Planned;
                    bot.LogOffset = Processes.LogStart.LengthOf(bot.LogFile);
                    bot.ErrorLogOffset = Processes.LogStart.LengthOf(bot.ErrorLogFile);
                    Save(bot, bot.HasRun ? DesiredRunning : DesiredLaunch);
                    return;
                case UnitEventKind.Launched:
                    FaultPoints.Pause(FaultPoints.AfterExec);
                    bot.Planned = null;
                    Save(bot);
                    LogLaunched(bot.Name, e.Pid ?? 0);
                    break;
                case UnitEventKind.Adopted:
                    Save(bot);
                    LogAdopted(bot.Name, e.Pid ?? 0);
                    break;
                case UnitEventKind.Stopping:
                    FaultPoints.Pause(FaultPoints.BeforeStopSignal);
                    // The intent first: if the daemon dies during the stop, the next one finishes it instead of
                    // applying the restart policy to a bot that was being stopped. The record (unit, pid or plan)
                    // was written when the run started; only the intent changes.
                    if (!bot.StopIntentSaved)
                    {
                        store.SetDesired(bot.Name, DesiredStopped, UnitStatus.Stopping);
                    }

                    bot.StopIntentSaved = false;
                    return;
                case UnitEventKind.Stopped:
                    bot.Planned = null;
                    store.Remove(bot.Name, e.ExitCode, "stopped", e.At);
                    break;
                case UnitEventKind.Exited:
                    LetGoOf(bot.Instance);
                    store.RecordExit(bot.Name, e.ExitCode, e.Detail ?? "exited", e.At);
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
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The stream goes on: a state file that refused one write is said, and the next event writes again.
            LogFailed(bot.Name, "state not saved: " + error.Message);
        }

        metrics.Observe(e, config.Types.GetValueOrDefault(bot.Type)?.Process.Readiness);
        events.Publish(BotEvents.From(e, bot.Name));
    }

    // While a start is in progress the record names its planned unit and no pid: the previous run is gone.
    private void Save(Bot bot, string desired = DesiredRunning)
    {
        var planned = bot.Planned;
        var process = planned is null ? bot.Instance : null;
        store.Save(new BotRecord(
            bot.Name,
            bot.Type,
            bot.ConfigJson,
            desired,
            bot.Status,
            process?.Pid,
            process?.StartTime,
            planned?.UnitId ?? process?.UnitId,
            planned?.Location ?? process?.Location,
            bot.Ports,
            bot.StartedAt,
            bot.Restarts,
            bot.ExitCode,
            bot.LogFile,
            bot.LogOffset,
            bot.ErrorLogOffset));

        // The whole record was written again: a stop-all's intent written earlier is no longer in it.
        bot.StopIntentSaved = false;
    }
}
