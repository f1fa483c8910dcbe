using Corral.Exceptions;
using Corral.Execution;
using Corral.Supervision;

namespace Corral.Server.Bots;

/// <summary>Daemon start: take over the bots an earlier daemon left running, and account for the ones that died.</summary>
public sealed partial class BotSupervisor
{
    public async Task AdoptAsync(CancellationToken cancel)
    {
        foreach (var record in store.Load())
        {
            cancel.ThrowIfCancellationRequested();
            var bot = Track(new Bot(record.Name, record.Type, record.ConfigJson, record.LogFile) { Ports = record.Ports });
            bot.Lifecycle.Restore(record.Status, record.Restarts, record.StartedAt, record.ExitCode);
            if (record.Status is UnitStatus.Exited or UnitStatus.Failed)
            {
                continue;
            }

            var gate = Gate(bot.Name);
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var unit = new UnitRecord(record.Name, record.Pid, record.StartTime, record.UnitId, record.UnitLocation, record.StartedAt, record.LogFile);
                await bot.Lifecycle.AdoptAsync(unit, record.Status, cancel).ConfigureAwait(false);
                if (record.Desired == DesiredStopped)
                {
                    // An earlier daemon was stopping it when it died: finish that stop (in the background, with its
                    // grace again), never restart it.
                    LogFinishingStop(bot.Name);
                    _ = FinishStopAsync(bot.Name);
                }
            }
            catch (CorralException e)
            {
                bot.Lifecycle.MarkFailed(e.Message);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task FinishStopAsync(string name)
    {
        try
        {
            await StopAsync(name).ConfigureAwait(false);
        }
        catch (BotNotFoundException)
        {
            // Stopped by a request in the meantime.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(name, "finishing the stop failed: " + e.Message);
        }
    }
}
