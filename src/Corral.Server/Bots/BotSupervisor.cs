using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Corral.Config;
using Corral.Containment;
using Corral.Exceptions;
using Corral.Execution;
using Corral.Processes;
using Corral.Server.Events;
using Corral.Server.Logs;
using Corral.Server.State;
using Corral.Supervision;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Bots;

/// <summary>
/// The daemon's registry of bots. Each bot runs under its own <see cref="UnitLifecycle"/> (the engine
/// <c>corral up</c> uses too); this class names, launches, forgets and persists them. Requests on one name are
/// serialized by that name's gate; names proceed in parallel. Every lifecycle event is saved and published.
/// </summary>
public sealed partial class BotSupervisor : IBotCatalog
{
    public const string DesiredRunning = "running";

    /// <summary>Written before a stop begins: a daemon killed during the stop finishes it on its next start.</summary>
    public const string DesiredStopped = "stopped";

    /// <summary>Written before the first start of a new bot runs: a daemon killed before answering undoes it.</summary>
    public const string DesiredLaunch = "launch";

    // Replaced whole by a reload; every read takes the one current configuration.
    private volatile ServerConfig config;
    private readonly StateStore store;
    private readonly EventHub events;
    private readonly IExecutionStrategy strategy;
    private readonly BotLaunchSpecs specs;
    private readonly TimeProvider time;
    private readonly Watching.ChangeWatcher watcher;
    private readonly ILogger<BotSupervisor> log;
    private readonly Monitoring.CorralMetrics metrics;
    private readonly ConcurrentDictionary<string, Bot> bots = new(StringComparer.Ordinal);
    private readonly NameGates gates = new();
    private readonly Ports.PortAllocator ports = new();

    public BotSupervisor(ServerConfig config, StateStore store, EventHub events, IExecutionStrategy strategy, BotLaunchSpecs specs, TimeProvider time, Watching.ChangeWatcher watcher, Monitoring.CorralMetrics metrics, ILogger<BotSupervisor> log)
    {
        this.metrics = metrics;
        this.config = config;
        this.store = store;
        this.events = events;
        this.strategy = strategy;
        this.specs = specs;
        this.time = time;
        this.watcher = watcher;
        this.log = log;
    }

    public IExecutionStrategy Strategy => strategy;

    /// <summary>The configuration in force (replaced by a reload).</summary>
    public ServerConfig Config => config;

    public string Containment => strategy.Containment;

    public IReadOnlyList<Bot> Bots => [.. bots.Values.OrderBy(b => b.Name, StringComparer.Ordinal)];

    public Bot Get(string name) => bots.TryGetValue(name, out var bot) ? bot : throw new BotNotFoundException(name);

    public IReadOnlyList<(DateTimeOffset At, int? ExitCode, string Reason)> ExitHistory(string name) => store.ExitHistory(name);

    public async Task<Bot> LaunchAsync(string name, string type, string configJson, CancellationToken cancel)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new BotRequestException($"Invalid bot_name '{name}': it must match ^[A-Za-z0-9][A-Za-z0-9_.-]{{0,62}}$.");
        }

        if (!config.Types.TryGetValue(type, out var botType))
        {
            throw new BotRequestException(
                $"Unknown bot_type '{type}'. Registered types: {(config.Types.Count == 0 ? "none" : string.Join(", ", config.Types.Keys))}.");
        }

        using var gate = await gates.EnterAsync(name, cancel).ConfigureAwait(false);
        if (bots.TryGetValue(name, out var existing) && existing.IsActive)
        {
            throw new BotConflictException($"A bot named '{name}' is already {existing.Status} (pid {existing.Instance?.Pid}). Stop it first.");
        }

        existing?.LogWatch?.Dispose();
        var bot = Track(new Bot(name, type, configJson, specs.LogFile(name)));
        try
        {
            if (botType.Process.Port is not null)
            {
                bot.Ports = UnitPorts.Assign([botType.Process with { Name = name }], ports)[name];
            }

            await bot.Lifecycle.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (PortInUseException e)
        {
            Forget(bot);
            throw new BotConflictException(e.Message);
        }
        catch
        {
            Forget(bot);
            throw;
        }

        return bot;
    }

    /// <summary>
    /// Stops the bot and every process of its unit and returns what the stop did. A bot proven gone is forgotten;
    /// one whose unit could not be proven empty stays listed as <c>failed</c> with its survivors named, and its name
    /// can be launched again.
    /// </summary>
    public async Task<(Bot Bot, StopReport? Report)> StopAsync(string name, CancellationToken hurry = default)
    {
        using var gate = await gates.EnterAsync(name, CancellationToken.None).ConfigureAwait(false);
        var bot = Get(name);
        if (!bot.StopIntentSaved)
        {
            // Before the lifecycle shows "stopping": a client that saw that status may count on the stop surviving
            // this daemon's death.
            SaveStopIntents([name]);
        }

        var report = await bot.Lifecycle.StopAsync(hurry).ConfigureAwait(false);
        if (bot.Status == UnitStatus.Stopped)
        {
            Forget(bot);
        }

        return (bot, report);
    }

    /// <summary>Stops every bot at once; one tag net after all of them instead of one scan of /proc per bot.</summary>
    public async Task<IReadOnlyList<(Bot Bot, StopReport? Report)>> StopAllAsync(CancellationToken hurry = default)
    {
        var net = TagNet.Begin();
        var names = bots.Keys.ToList();
        SaveStopIntents(names);
        var stops = await Task.WhenAll(names.Select(async name =>
        {
            await Task.Yield();
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
        try
        {
            var strays = await net.SweepAsync().ConfigureAwait(false);
            metrics.CountCaughtByTag(strays.Count);
            foreach (var stray in strays)
            {
                LogFailed(stray.Command, $"pid {stray.Pid} had left its unit and was killed by the tag net");
            }
        }
        catch (ContainmentException e)
        {
            LogFailed("stop-all", e.Message);
        }

        return stops.OfType<(Bot, StopReport?)>().ToList();
    }

    // Every intent in one commit before the first signal: one commit per bot would spread the signals (and so the
    // ends of the graces) over the time of a hundred commits. An exit recorded meanwhile rewrites the whole record
    // and clears StopIntentSaved; the lifecycle's stopping event then writes the intent again.
    private void SaveStopIntents(IReadOnlyList<string> names)
    {
        try
        {
            store.SetDesired(names, DesiredStopped, UnitStatus.Stopping);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The lifecycle's stopping event tries again.
            LogFailed(names.Count == 1 ? names[0] : "stop-all", "state not saved: " + error.Message);
            return;
        }

        foreach (var name in names)
        {
            if (bots.TryGetValue(name, out var bot))
            {
                bot.StopIntentSaved = true;
            }
        }
    }

    /// <summary>Stops the bot's process (whole unit) and starts it again with the same config and ports.</summary>
    public async Task<Bot> RestartAsync(string name, CancellationToken cancel)
    {
        using var gate = await gates.EnterAsync(name, cancel).ConfigureAwait(false);
        try
        {
            var bot = Get(name);
            await bot.Lifecycle.RestartAsync(cancel).ConfigureAwait(false);
            return bot;
        }
        catch (PortInUseException e)
        {
            throw new BotConflictException(e.Message);
        }
    }

    /// <summary>Changes how many replicas a bot runs; only strategies whose bots are services can.</summary>
    public async Task<Bot> ScaleAsync(string name, int replicas, CancellationToken cancel)
    {
        if (replicas is < 0 or > 1000)
        {
            throw new BotRequestException($"replicas must be between 0 and 1000, got {replicas}.");
        }

        using var gate = await gates.EnterAsync(name, cancel).ConfigureAwait(false);
        var bot = Get(name);
        if (bot.Instance is not IScalableUnit)
        {
            throw new BotConflictException($"Bot '{name}' cannot be scaled: strategy {strategy.Name} runs one process per bot; scaling needs strategy swarm.");
        }

        await bot.Lifecycle.ScaleAsync(replicas, cancel).ConfigureAwait(false);
        return bot;
    }

    /// <summary>Daemon shutdown: stops every bot, or with <paramref name="keepBots"/> leaves them for the next daemon.</summary>
    public async Task ShutdownAsync(bool keepBots, CancellationToken hurry)
    {
        if (keepBots)
        {
            foreach (var bot in bots.Values)
            {
                bot.Lifecycle.Detach();
            }

            LogKeptBots(bots.Count);
            return;
        }

        await StopAllAsync(hurry).ConfigureAwait(false);
        strategy.Cleanup();
    }

    /// <summary>Gives the bot its lifecycle, lists it, and rotates its log whenever a write makes it too big (no timer).</summary>
    private Bot Track(Bot bot)
    {
        var type = config.Types.GetValueOrDefault(bot.Type);

        // Each start reads the type as configured now: a reload's new command reaches the next (re)start.
        bot.Lifecycle = new UnitLifecycle(bot.Name, strategy, () => config.Types.GetValueOrDefault(bot.Type) is { } current ? specs.Request(bot, current) : null, new LifecycleOptions
        {
            BeforeStart = () => Prepare(bot),
            Restart = type?.Restart ?? RestartSpec.Never,
            Time = time,
            OnEvent = e => Record(bot, e),
        });
        bot.LogWatch = LogRotation.Watch(watcher, bot.LogFile, type?.Logs ?? LogRotationSpec.Default);
        bots[bot.Name] = bot;
        return bot;
    }

    /// <summary>What every start of the bot needs first: its ports free and its config file written.</summary>
    private void Prepare(Bot bot)
    {
        UnitPorts.EnsureFree(bot.Name, bot.Ports);
        specs.WriteConfig(bot);
    }

    /// <summary>Drops the bot and all it held: its record, ports, config file, adoption record, a replaced owner's folder.</summary>
    private void Forget(Bot bot)
    {
        bot.LogWatch?.Dispose();
        bots.TryRemove(bot.Name, out _);
        store.Delete(bot.Name);
        ports.Release(bot.Ports);
        specs.DeleteConfig(bot.Name);
        LetGoOf(bot.Instance);
        if (config.Logs.Retention <= TimeSpan.Zero)
        {
            LogRetention.Delete(bot.LogFile);
        }
    }

    /// <summary>A run's unit is gone: the adoption record or the replaced daemon's folder held for it goes too.</summary>
    private static void LetGoOf(IUnitHandle? unit)
    {
        Sweep.Adoptions.Release(unit?.UnitId);
        ReplacedOwners.ForgetUnit(unit?.Location);
    }

    /// <summary>Deletes the logs of removed bots quiet for longer than the retention; run at start and then hourly.</summary>
    public int PruneLogs() =>
        LogRetention.Prune(specs.LogDirectory, name => bots.ContainsKey(name), config.Logs.Retention, time.GetUtcNow());

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}\z")]
    private static partial Regex ValidName();
}
