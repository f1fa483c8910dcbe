using Corral.Config;
using Corral.Exceptions;
using Corral.Fleet;
using Corral.Ports;
using Corral.Processes;
using Corral.Readiness;
using Corral.Server.Events;
using Corral.Server.Execution;
using Corral.Server.State;

namespace Corral.Server.Bots;

/// <summary>Starting a bot's process, noticing readiness and exits, and the restart policy.</summary>
public sealed partial class BotSupervisor
{
    /// <summary>Starts the bot through the strategy; the caller holds the bot's gate.</summary>
    private async Task StartInstanceAsync(Bot bot, CancellationToken cancel)
    {
        var type = config.Types[bot.Type];
        if (bot.Ports.Count == 0 && type.Process.Port is { } port)
        {
            bot.Ports = [port.IsAuto ? PortAllocator.Allocate() : port.First!.Value];
        }

        CheckPorts(bot);
        specs.WriteConfig(bot);
        var process = await strategy.StartAsync(bot, type, cancel).ConfigureAwait(false);
        bot.Instance = process;
        bot.StartedAt = time.GetUtcNow();
        bot.ExitCode = null;
        bot.LastError = null;
        bot.NotReady = false;
        var probe = specs.Probe(bot, type);
        bot.Status = probe is null ? BotStatus.Running : BotStatus.Starting;
        Save(bot);
        LogLaunched(bot.Name, process.Pid);
        events.Publish(new BotEvent(BotEventKinds.Launched, bot.Name, time.GetUtcNow(), process.Pid, bot.Status));
        bot.Ready = probe is null ? Task.CompletedTask : WaitReadyAsync(bot, process, probe);
        _ = WatchExitAsync(bot, process);
    }

    private async Task WaitReadyAsync(Bot bot, IRunningBot process, ProbeSpec probe)
    {
        try
        {
            var elapsed = await ReadinessWaiter.WaitAsync(process, probe, strategy.ProbeLauncher, bot.Lifetime.Token).ConfigureAwait(false);
            if (bot.Instance == process && bot.Status == BotStatus.Starting)
            {
                bot.Status = BotStatus.Running;
                Save(bot);
                events.Publish(new BotEvent(BotEventKinds.Ready, bot.Name, time.GetUtcNow(), process.Pid, bot.Status, Detail: $"ready in {elapsed.TotalMilliseconds:0} ms"));
            }
        }
        catch (ReadinessException e)
        {
            bot.LastError = e.Message;
            bot.NotReady = true;
            if (!process.HasExited)
            {
                // Not ready in time: that counts as a failure of this run, handled like an exit.
                events.Publish(new BotEvent(BotEventKinds.Failed, bot.Name, time.GetUtcNow(), process.Pid, BotStatus.Failed, Detail: e.Message));
                await process.StopAsync().ConfigureAwait(false);
            }

            throw;
        }
        catch (OperationCanceledException)
        {
            // Stopped while it was starting: whoever stopped it reports that.
            throw;
        }
        catch (Exception e)
        {
            FailInBackground(bot, e);
            throw;
        }
    }

    private async Task WatchExitAsync(Bot bot, IRunningBot process)
    {
        var code = await process.Exited.ConfigureAwait(false);
        var gate = Gate(bot.Name);
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (bot.Instance != process || bot.Lifetime.IsCancellationRequested)
            {
                return;
            }

            // The main process ended by itself: whatever it left in its unit goes with it.
            var report = await process.StopAsync().ConfigureAwait(false);
            if (!report.ProvenEmpty)
            {
                LogCleanupFailed(bot.Name, "still alive: " + string.Join(", ", report.Survivors));
            }

            OnExited(bot, code == ManagedProcess.UnknownExitCode ? null : code, report.Killed.Select(k => k.Pid).ToList());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            FailInBackground(bot, e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Records an unrequested exit and applies the restart policy; the caller holds the gate.</summary>
    private void OnExited(Bot bot, int? exitCode, IReadOnlyList<int> killed)
    {
        var type = config.Types.GetValueOrDefault(bot.Type);
        var now = time.GetUtcNow();
        bot.ExitCode = exitCode;
        store.RecordExit(bot.Name, exitCode, "exited", now);
        events.Publish(new BotEvent(BotEventKinds.Exited, bot.Name, now, bot.Instance?.Pid, Status: null, exitCode, bot.LastError, killed));
        var restart = type?.Restart ?? Supervision.RestartSpec.Never;
        if (bot.StartedAt is { } started && now - started >= restart.ResetAfter)
        {
            bot.ConsecutiveFailures = 0;
        }

        var failureCode = bot.NotReady && exitCode is 0 or null ? ManagedProcess.UnknownExitCode : exitCode ?? ManagedProcess.UnknownExitCode;
        if (type is not null && restart.ShouldRestart(failureCode, bot.ConsecutiveFailures))
        {
            var delay = restart.DelayBefore(bot.ConsecutiveFailures, Random.Shared);
            bot.Status = BotStatus.Backoff;
            Save(bot);
            events.Publish(new BotEvent(BotEventKinds.Backoff, bot.Name, now, Status: bot.Status, ExitCode: exitCode, Detail: $"restarting in {delay.TotalMilliseconds:0} ms"));
            _ = RestartAfterAsync(bot, delay);
            return;
        }

        var exhausted = restart.Policy != Supervision.RestartPolicyKind.No && bot.ConsecutiveFailures >= restart.Max && exitCode != 0;
        bot.Status = exhausted || bot.NotReady ? BotStatus.Failed : BotStatus.Exited;
        Save(bot);
        if (exhausted)
        {
            events.Publish(new BotEvent(BotEventKinds.Failed, bot.Name, now, Status: bot.Status, ExitCode: exitCode, Detail: $"gave up after {restart.Max} restarts"));
        }
    }

    private async Task RestartAfterAsync(Bot bot, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, bot.Lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var gate = Gate(bot.Name);
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (bot.Lifetime.IsCancellationRequested || bot.Status != BotStatus.Backoff)
            {
                return;
            }

            bot.ConsecutiveFailures++;
            bot.Restarts++;
            await StartInstanceAsync(bot, CancellationToken.None).ConfigureAwait(false);
            events.Publish(new BotEvent(BotEventKinds.Restarted, bot.Name, time.GetUtcNow(), bot.Instance?.Pid, bot.Status, Detail: $"restart {bot.Restarts}"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The restart itself failed (a port now taken, a command gone, the engine or the state file refused):
            // the bot fails instead of looping or staying in backoff.
            FailInBackground(bot, e);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Save(Bot bot)
    {
        var process = bot.Instance;
        store.Save(new BotRecord(
            bot.Name,
            bot.Type,
            bot.ConfigJson,
            DesiredRunning,
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
