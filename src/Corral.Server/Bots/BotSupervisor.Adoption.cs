using Corral.Containment;
using Corral.Exceptions;
using Corral.Execution;
using Corral.Server.State;
using Corral.Supervision;

namespace Corral.Server.Bots;

/// <summary>
/// Daemon start: settle every record an earlier daemon left. Live bots are taken over, the ones that died meanwhile
/// are accounted for, starts it never answered are undone, stops it began are finished; the cgroup folders of the
/// daemons it replaces are emptied of what nobody holds and removed.
/// </summary>
public sealed partial class BotSupervisor
{
    public async Task AdoptAsync(CancellationToken cancel)
    {
        var records = store.Load();
        foreach (var record in records)
        {
            cancel.ThrowIfCancellationRequested();
            if (record.Pid is null && record.UnitId is not null && record.Desired is DesiredLaunch or DesiredStopped)
            {
                await UndoStartAsync(record, cancel).ConfigureAwait(false);
                continue;
            }

            var bot = Track(new Bot(record.Name, record.Type, record.ConfigJson, record.LogFile) { Ports = record.Ports, LogOffset = record.LogOffset, ErrorLogOffset = record.ErrorLogOffset });
            bot.Lifecycle.Restore(record.Status, record.Restarts, record.StartedAt, record.ExitCode);
            if (record.Status is UnitStatus.Exited or UnitStatus.Failed)
            {
                continue;
            }

            using var gate = await gates.EnterAsync(bot.Name, cancel).ConfigureAwait(false);
            try
            {
                var stopping = record.Desired == DesiredStopped;
                await bot.Lifecycle.AdoptAsync(Unit(record), record.Status, cancel, stopping).ConfigureAwait(false);
                if (stopping)
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
        }

        await TakeOverReplacedOwnersAsync(records).ConfigureAwait(false);
        PruneLogs();
    }

    private static UnitRecord Unit(BotRecord record) =>
        new(record.Name, record.Pid, record.StartTime, record.UnitId, record.UnitLocation, record.StartedAt, record.LogFile, record.LogOffset, record.ErrorLogOffset);

    /// <summary>
    /// A start the client was never answered for (or that a stop overtook): whatever it started goes, and so does the
    /// bot; the client's retry launches it afresh.
    /// </summary>
    private async Task UndoStartAsync(BotRecord record, CancellationToken cancel)
    {
        var killed = await strategy.CleanupAsync(Unit(record), cancel).ConfigureAwait(false);
        metrics.CountSwept(killed.Count);
        store.Delete(record.Name);
        specs.DeleteConfig(record.Name);
        ports.Release(record.Ports);
        ReplacedOwners.ForgetUnit(record.UnitLocation);
        LogUndoneStart(record.Name, killed.Count);
    }

    private async Task TakeOverReplacedOwnersAsync(IReadOnlyList<BotRecord> records)
    {
        var held = bots.Values.Select(b => b.Instance?.Location).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var folder in records.Select(r => ReplacedOwners.FolderOf(r.UnitLocation)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var killed = await ReplacedOwners.TakeOverAsync(folder, held).ConfigureAwait(false);
            metrics.CountSwept(killed.Count);
            if (killed.Count > 0)
            {
                LogTookOver(folder, killed.Count, string.Join(", ", killed));
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
