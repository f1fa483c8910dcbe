using Corral.Containment;
using Corral.Exceptions;
using Corral.Processes;
using Corral.Server.Events;
using Corral.Server.State;

namespace Corral.Server.Bots;

/// <summary>Daemon start: take over the bots an earlier daemon left running, and account for the ones that died.</summary>
public sealed partial class BotSupervisor
{
    public async Task AdoptAsync(CancellationToken cancel)
    {
        foreach (var record in store.Load())
        {
            cancel.ThrowIfCancellationRequested();
            var bot = new Bot(record.Name, record.Type, record.ConfigJson, record.LogFile)
            {
                Ports = record.Ports,
                StartedAt = record.StartedAt,
                Restarts = record.Restarts,
                ExitCode = record.ExitCode,
                Status = record.Status,
            };
            bots[record.Name] = bot;
            if (record.Status is BotStatus.Exited or BotStatus.Failed)
            {
                continue;
            }

            var gate = Gate(bot.Name);
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                await AdoptOneAsync(bot, record).ConfigureAwait(false);
            }
            catch (CorralException e)
            {
                bot.LastError = e.Message;
                bot.Status = BotStatus.Failed;
                Save(bot);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task AdoptOneAsync(Bot bot, BotRecord record)
    {
        var id = record.Pid is { } pid && record.StartTime is { } start ? new ProcessId(pid, start) : (ProcessId?)null;
        var unit = id is { } known && record.UnitId is { } unitId && record.UnitLocation is { } location
            ? ContainmentProvider.Reattach(unitId, location, known)
            : null;
        var type = config.Types.GetValueOrDefault(bot.Type);
        if (id is { } alive && unit is not null && ProcessTable.IsAlive(alive))
        {
            var spec = type is null
                ? new LaunchSpec(bot.Name, []) { LogFile = bot.LogFile, DetachedOutput = true }
                : specs.Build(bot, type);
            var process = ManagedProcess.Adopt(spec, alive, unit, record.StartedAt ?? time.GetUtcNow());
            if (ProcessTable.ReadCorralEnvironment(alive.Pid).GetValueOrDefault(CorralEnvironment.Owner) is { } owner && owner != ProcessLauncher.OwnerId)
            {
                Sweep.Adoptions.Record(owner, ProcessTable.Self);
            }

            bot.Process = process;
            LogAdopted(bot.Name, alive.Pid);
            var probe = type is null ? null : specs.Probe(bot, type);
            bot.Status = probe is not null && record.Status == BotStatus.Starting ? BotStatus.Starting : BotStatus.Running;
            bot.Ready = bot.Status == BotStatus.Starting ? WaitReadyAsync(bot, process, probe!) : Task.CompletedTask;
            Save(bot);
            events.Publish(new BotEvent(BotEventKinds.Adopted, bot.Name, time.GetUtcNow(), alive.Pid, bot.Status));
            _ = WatchExitAsync(bot, process);
            return;
        }

        // Died while no daemon watched it. Its unit may still hold children: they go, then the policy decides.
        LogDiedMeanwhile(bot.Name);
        IReadOnlyList<int> killed = [];
        if (unit is not null)
        {
            var report = await unit.StopAsync(id!.Value, Corral.Signals.Signal.Kill, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            killed = report.Signalled.Select(s => s.Pid).ToList();
            unit.Dispose();
        }

        bot.LastError = "the bot exited while the daemon was down; its exit code is unknown";
        OnExited(bot, null, killed);
    }
}
