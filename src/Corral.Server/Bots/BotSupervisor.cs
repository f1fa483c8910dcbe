using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Corral.Config;
using Corral.Exceptions;
using Corral.Ports;
using Corral.Processes;
using Corral.Server.Execution;
using Corral.Server.Logs;
using Corral.Server.Events;
using Corral.Server.State;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Bots;

/// <summary>
/// Launches, watches, restarts and stops bots of registered types. Requests on one name are serialized by that
/// name's gate; different names proceed in parallel. Every change is saved to the state store and published.
/// </summary>
public sealed partial class BotSupervisor
{
    public const string DesiredRunning = "running";

    private readonly ServerConfig config;
    private readonly StateStore store;
    private readonly EventHub events;
    private readonly IExecutionStrategy strategy;
    private readonly BotLaunchSpecs specs;
    private readonly TimeProvider time;
    private readonly Watching.ChangeWatcher watcher;
    private readonly ILogger<BotSupervisor> log;
    private readonly ConcurrentDictionary<string, Bot> bots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public BotSupervisor(ServerConfig config, StateStore store, EventHub events, IExecutionStrategy strategy, BotLaunchSpecs specs, TimeProvider time, Watching.ChangeWatcher watcher, ILogger<BotSupervisor> log)
    {
        this.watcher = watcher;
        this.config = config;
        this.store = store;
        this.events = events;
        this.strategy = strategy;
        this.specs = specs;
        this.time = time;
        this.log = log;
    }

    public IExecutionStrategy Strategy => strategy;

    public IReadOnlyList<Bot> Bots => [.. bots.Values.OrderBy(b => b.Name, StringComparer.Ordinal)];

    public Bot Get(string name) => bots.TryGetValue(name, out var bot) ? bot : throw new BotNotFoundException(name);

    public IReadOnlyList<(DateTimeOffset At, int? ExitCode, string Reason)> ExitHistory(string name) => store.ExitHistory(name);

    public async Task<Bot> LaunchAsync(string name, string type, string configJson, CancellationToken cancel)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new BotRequestException($"Invalid bot_name '{name}': it must match ^[A-Za-z0-9][A-Za-z0-9_.-]{{0,62}}$.");
        }

        if (!config.Types.ContainsKey(type))
        {
            throw new BotRequestException(
                $"Unknown bot_type '{type}'. Registered types: {(config.Types.Count == 0 ? "none" : string.Join(", ", config.Types.Keys))}.");
        }

        var gate = Gate(name);
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (bots.TryGetValue(name, out var existing) && existing.IsActive)
            {
                throw new BotConflictException($"A bot named '{name}' is already {existing.Status} (pid {existing.Instance?.Pid}). Stop it first.");
            }

            existing?.LogWatch?.Dispose();
            var bot = Track(new Bot(name, type, configJson, specs.LogFile(name)));
            try
            {
                await StartInstanceAsync(bot, cancel).ConfigureAwait(false);
            }
            catch
            {
                Forget(bot);
                throw;
            }

            return bot;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Stops the bot and every process of its unit and returns what the stop did. A bot proven gone is forgotten;
    /// one whose unit could not be proven empty stays listed as <c>failed</c> with its survivors named, and its name
    /// can be launched again.
    /// </summary>
    public async Task<(Bot Bot, StopReport? Report)> StopAsync(string name, CancellationToken hurry = default)
    {
        var gate = Gate(name);
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var bot = Get(name);
            bot.Status = BotStatus.Stopping;
            await bot.Lifetime.CancelAsync().ConfigureAwait(false);
            var report = bot.Instance is { } instance ? await instance.StopAsync(hurry).ConfigureAwait(false) : null;
            bot.ExitCode = report?.ExitCode ?? bot.ExitCode;
            var now = time.GetUtcNow();
            if (report is { ProvenEmpty: false })
            {
                var survivors = string.Join(", ", report.Survivors);
                LogSurvivors(name, survivors);
                bot.Status = BotStatus.Failed;
                bot.LastError = $"the stop could not prove the unit empty; still alive: {survivors}";
                Save(bot);
                store.RecordExit(name, report.ExitCode, "stop failed", now);
                events.Publish(new BotEvent(BotEventKinds.Failed, name, now, bot.Instance?.Pid, BotStatus.Failed, report.ExitCode, bot.LastError));
                return (bot, report);
            }

            bot.Status = BotStatus.Stopped;
            Forget(bot);
            store.RecordExit(name, report?.ExitCode, "stopped", now);
            events.Publish(new BotEvent(BotEventKinds.Stopped, name, now, bot.Instance?.Pid, BotStatus.Stopped, report?.ExitCode,
                report is null ? null : $"{report.Signalled.Count} signalled, {report.ExitedBySignal.Count} exited by {report.Signal}, {report.Killed.Count} killed",
                report?.Killed.Select(k => k.Pid).ToList()));
            return (bot, report);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<(Bot Bot, StopReport? Report)>> StopAllAsync(CancellationToken hurry = default)
    {
        var stops = await Task.WhenAll(bots.Keys.ToList().Select(async name =>
        {
            try
            {
                return await StopAsync(name, hurry).ConfigureAwait(false);
            }
            catch (BotNotFoundException)
            {
                // Stopped by a concurrent request: nothing left to report here.
                return ((Bot, StopReport?)?)null;
            }
        })).ConfigureAwait(false);
        return stops.OfType<(Bot, StopReport?)>().ToList();
    }

    /// <summary>Stops the bot's process (whole unit) and starts it again with the same config and ports.</summary>
    public async Task<Bot> RestartAsync(string name, CancellationToken cancel)
    {
        var gate = Gate(name);
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var bot = Get(name);
            var old = bot.Instance;
            bot.Instance = null;
            if (old is not null)
            {
                await old.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            bot.Restarts++;
            await StartInstanceAsync(bot, cancel).ConfigureAwait(false);
            events.Publish(new BotEvent(BotEventKinds.Restarted, name, time.GetUtcNow(), bot.Instance?.Pid, bot.Status, Detail: "requested"));
            return bot;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Changes how many replicas a bot runs; only strategies whose bots are services can.</summary>
    public async Task<Bot> ScaleAsync(string name, int replicas, CancellationToken cancel)
    {
        if (replicas is < 0 or > 1000)
        {
            throw new BotRequestException($"replicas must be between 0 and 1000, got {replicas}.");
        }

        var gate = Gate(name);
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var bot = Get(name);
            if (bot.Instance is not IScalableBot scalable)
            {
                throw new BotConflictException($"Bot '{name}' cannot be scaled: strategy {strategy.Name} runs one process per bot; scaling needs strategy swarm.");
            }

            await scalable.ScaleAsync(replicas, cancel).ConfigureAwait(false);
            events.Publish(new BotEvent(BotEventKinds.Scaled, name, time.GetUtcNow(), bot.Instance.Pid, bot.Status, Detail: $"{replicas} replicas"));
            return bot;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Daemon shutdown: stops every bot, or with <paramref name="keepBots"/> leaves them for the next daemon.</summary>
    public async Task ShutdownAsync(bool keepBots, CancellationToken hurry)
    {
        if (keepBots)
        {
            foreach (var bot in bots.Values)
            {
                await bot.Lifetime.CancelAsync().ConfigureAwait(false);
            }

            LogKeptBots(bots.Count);
            return;
        }

        await StopAllAsync(hurry).ConfigureAwait(false);
        strategy.Cleanup();
    }

    /// <summary>Lists the bot and rotates its log whenever a write makes it too big (no timer).</summary>
    private Bot Track(Bot bot)
    {
        var logs = config.Types.GetValueOrDefault(bot.Type)?.Logs ?? Supervision.LogRotationSpec.Default;
        bot.LogWatch = LogRotation.Watch(watcher, bot.LogFile, logs);
        bots[bot.Name] = bot;
        return bot;
    }

    private void Forget(Bot bot)
    {
        bot.LogWatch?.Dispose();
        bots.TryRemove(bot.Name, out _);
        store.Delete(bot.Name);
    }

    /// <summary>
    /// The end of every background task (exit watch, restart, readiness): an unexpected error is logged and the bot
    /// goes to <c>failed</c> with the error, instead of staying <c>running</c> or <c>backoff</c> with nothing said.
    /// </summary>
    private void FailInBackground(Bot bot, Exception error)
    {
        LogBackgroundFailure(bot.Name, error.Message);
        bot.LastError = error.Message;
        bot.Status = BotStatus.Failed;
        try
        {
            Save(bot);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBackgroundFailure(bot.Name, "state not saved: " + e.Message);
        }

        events.Publish(new BotEvent(BotEventKinds.Failed, bot.Name, time.GetUtcNow(), bot.Instance?.Pid, BotStatus.Failed, Detail: error.Message));
    }

    private SemaphoreSlim Gate(string name) => gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));

    private void CheckPorts(Bot bot)
    {
        var holders = PortInspector.FindHolders(bot.Ports);
        if (holders.Count > 0)
        {
            throw new BotConflictException(new PortInUseException(bot.Name, holders).Message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex ValidName();
}
