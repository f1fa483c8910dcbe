using Corral.Exceptions;
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
            var bot = Track(new Bot(record.Name, record.Type, record.ConfigJson, record.LogFile)
            {
                Ports = record.Ports,
                StartedAt = record.StartedAt,
                Restarts = record.Restarts,
                ExitCode = record.ExitCode,
                Status = record.Status,
            });
            if (record.Status is BotStatus.Exited or BotStatus.Failed)
            {
                continue;
            }

            var gate = Gate(bot.Name);
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                await AdoptOneAsync(bot, record, cancel).ConfigureAwait(false);
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

    private async Task AdoptOneAsync(Bot bot, BotRecord record, CancellationToken cancel)
    {
        var type = config.Types.GetValueOrDefault(bot.Type);
        var instance = await strategy.ReattachAsync(record, bot, type, cancel).ConfigureAwait(false);
        if (instance is not null)
        {
            bot.Instance = instance;
            LogAdopted(bot.Name, instance.Pid);
            var probe = type is null ? null : specs.Probe(bot, type);
            bot.Status = probe is not null && record.Status == BotStatus.Starting ? BotStatus.Starting : BotStatus.Running;
            bot.Ready = bot.Status == BotStatus.Starting ? WaitReadyAsync(bot, instance, probe!) : Task.CompletedTask;
            Save(bot);
            events.Publish(new BotEvent(BotEventKinds.Adopted, bot.Name, time.GetUtcNow(), instance.Pid, bot.Status));
            _ = WatchExitAsync(bot, instance);
            return;
        }

        // Died while no daemon watched it. Its unit may still hold children: they go, then the policy decides.
        LogDiedMeanwhile(bot.Name);
        var killed = await strategy.CleanupAsync(record, cancel).ConfigureAwait(false);
        bot.LastError = "the bot exited while the daemon was down; its exit code is unknown";
        OnExited(bot, null, killed);
    }
}
