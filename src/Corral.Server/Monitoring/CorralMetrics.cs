using Corral.Contracts;
using Corral.Processes;
using Corral.Supervision;
using Prometheus;

namespace Corral.Server.Monitoring;

/// <summary>
/// The daemon's Prometheus metrics (prometheus-net, in a registry of its own): per-bot series refreshed from the same
/// listing as <c>GET /v1/bots/</c> at each scrape (nothing runs between scrapes), histograms and counters fed by the
/// lifecycle events, and the runtime's own process metrics. Labels are only name, type and strategy (pid on the info
/// series), so a bot's series stay few and stable.
/// </summary>
public sealed class CorralMetrics
{
    /// <summary>The kill phases of <c>corral_stop_killed_processes_total</c>.</summary>
    public const string AfterGrace = "after_grace";
    public const string UnitKill = "unit_kill";
    public const string TagScan = "tag_scan";

    private static readonly string[] Statuses =
        [UnitStatus.Starting, UnitStatus.Running, UnitStatus.Stopping, UnitStatus.Stopped, UnitStatus.Exited, UnitStatus.Failed, UnitStatus.Backoff];

    private readonly string strategy;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Listed> listed = new(StringComparer.Ordinal);
    private readonly Gauge botInfo;
    private readonly Gauge botUp;
    private readonly Gauge botStatus;
    private readonly Counter restarts;
    private readonly Gauge processes;
    private readonly Counter cpuSeconds;
    private readonly Gauge memoryBytes;
    private readonly Gauge startTime;
    private readonly Gauge lastExitCode;
    private readonly Histogram readiness;
    private readonly Histogram stopDuration;
    private readonly Counter stopKilled;
    private readonly Counter sweepKilled;

    public CorralMetrics(string strategy)
    {
        this.strategy = strategy;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        factory.CreateGauge("corral_build_info", "Corral's version; always 1.", "version").WithLabels(BuildInfo.Version).Set(1);
        botInfo = factory.CreateGauge("corral_bot_info", "One series per bot and its current main pid; always 1.", "name", "type", "strategy", "pid");
        botUp = factory.CreateGauge("corral_bot_up", "1 while the bot runs (and passed its readiness), 0 otherwise.", "name", "type", "strategy");
        botStatus = factory.CreateGauge("corral_bot_status", "1 for the bot's current status, 0 for the others.", "name", "status");
        restarts = factory.CreateCounter("corral_bot_restarts_total", "Restarts by the bot's policy or by request.", "name");
        processes = factory.CreateGauge("corral_bot_processes", "Processes in the bot's unit: the main process and every descendant, escaped ones included.", "name");
        cpuSeconds = factory.CreateCounter("corral_bot_cpu_seconds_total", "CPU time of the bot's processes (resets when its main process changes).", "name");
        memoryBytes = factory.CreateGauge("corral_bot_memory_bytes", "Memory of the bot's processes.", "name");
        startTime = factory.CreateGauge("corral_bot_start_time_seconds", "When the bot's current run started, as a Unix time.", "name");
        lastExitCode = factory.CreateGauge("corral_bot_last_exit_code", "Exit code of the bot's last run that ended (absent before the first).", "name");
        readiness = factory.CreateHistogram("corral_readiness_duration_seconds", "From launch until the readiness probe passed.", new HistogramConfiguration
        {
            LabelNames = ["probe"],
            Buckets = Histogram.ExponentialBuckets(0.01, 2, 14),
        });
        stopDuration = factory.CreateHistogram("corral_stop_duration_seconds", "From the stop request until the unit was proven empty.", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.01, 2, 15),
        });
        stopKilled = factory.CreateCounter(
            "corral_stop_killed_processes_total",
            "Processes a stop had to kill: the main process after its grace, other members by the unit's kill, escaped ones by the tag scan.",
            "phase");
        sweepKilled = factory.CreateCounter("corral_sweep_killed_processes_total", "Processes killed by sweeps this daemon ran (leftovers of dead corrals).");
        foreach (var phase in new[] { AfterGrace, UnitKill, TagScan })
        {
            stopKilled.WithLabels(phase);
        }
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Sets every per-bot series from a listing, and drops the series of bots no longer listed.</summary>
    public void Refresh(IReadOnlyList<BotDto> bots)
    {
        lock (gate)
        {
            foreach (var gone in listed.Keys.Except(bots.Select(b => b.BotName)).ToList())
            {
                Forget(gone, listed[gone]);
                listed.Remove(gone);
            }

            foreach (var bot in bots)
            {
                Set(bot);
            }
        }
    }

    /// <summary>What a lifecycle event tells: a readiness time (labelled by the kind of <paramref name="probe"/>), a finished stop.</summary>
    public void Observe(UnitEvent e, Readiness.ProbeSpec? probe)
    {
        if (e.Kind == UnitEventKind.Ready && e.Elapsed is { } elapsed)
        {
            readiness.WithLabels(probe?.Kind.ToString().ToLowerInvariant() ?? "none").Observe(elapsed.TotalSeconds);
        }
        else if (e.Report is { } report && e.Kind is UnitEventKind.Stopped or UnitEventKind.Failed)
        {
            ObserveStop(report);
        }
    }

    /// <summary>A finished stop: its duration, and who it killed in which phase.</summary>
    private void ObserveStop(StopReport report)
    {
        stopDuration.Observe(report.Duration.TotalSeconds);
        var caught = report.CaughtByTag.Select(m => m.Pid).ToHashSet();
        var afterGrace = report.Killed.Count(k => k.Pid == report.Pid && !caught.Contains(k.Pid));
        stopKilled.WithLabels(AfterGrace).Inc(afterGrace);
        stopKilled.WithLabels(UnitKill).Inc(report.Killed.Count(k => !caught.Contains(k.Pid)) - afterGrace);
        stopKilled.WithLabels(TagScan).Inc(caught.Count);
    }

    /// <summary>Escaped processes a batch's one tag scan caught after all its units stopped (a stop-all).</summary>
    public void CountCaughtByTag(int count) => stopKilled.WithLabels(TagScan).Inc(count);

    public void CountSwept(int count) => sweepKilled.Inc(count);

    private void Set(BotDto bot)
    {
        var pid = bot.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (listed.TryGetValue(bot.BotName, out var before) && (before.Pid != pid || before.Type != bot.BotType))
        {
            // A new main process (or a relaunch under another type): its info series replaces the old one, and its CPU
            // counter starts again, which Prometheus reads as a counter reset.
            botInfo.RemoveLabelled(bot.BotName, before.Type, strategy, before.Pid);
            cpuSeconds.RemoveLabelled(bot.BotName);
            if (before.Type != bot.BotType)
            {
                botUp.RemoveLabelled(bot.BotName, before.Type, strategy);
            }
        }

        listed[bot.BotName] = new Listed(bot.BotType, pid);
        botInfo.WithLabels(bot.BotName, bot.BotType, strategy, pid).Set(1);
        botUp.WithLabels(bot.BotName, bot.BotType, strategy).Set(bot.Status == UnitStatus.Running ? 1 : 0);
        foreach (var status in Statuses)
        {
            botStatus.WithLabels(bot.BotName, status).Set(bot.Status == status ? 1 : 0);
        }

        restarts.WithLabels(bot.BotName).IncTo(bot.Restarts);
        processes.WithLabels(bot.BotName).Set(bot.Pid is null ? 0 : bot.ChildProcesses + 1);
        cpuSeconds.WithLabels(bot.BotName).IncTo(bot.CpuSeconds);
        memoryBytes.WithLabels(bot.BotName).Set(bot.MemoryBytes);
        if (bot.StartedAt is { } started)
        {
            startTime.WithLabels(bot.BotName).Set(started.ToUnixTimeMilliseconds() / 1000.0);
        }

        if (bot.ExitCode is { } code)
        {
            lastExitCode.WithLabels(bot.BotName).Set(code);
        }
    }

    private void Forget(string name, Listed bot)
    {
        botInfo.RemoveLabelled(name, bot.Type, strategy, bot.Pid);
        botUp.RemoveLabelled(name, bot.Type, strategy);
        foreach (var status in Statuses)
        {
            botStatus.RemoveLabelled(name, status);
        }

        restarts.RemoveLabelled(name);
        processes.RemoveLabelled(name);
        cpuSeconds.RemoveLabelled(name);
        memoryBytes.RemoveLabelled(name);
        startTime.RemoveLabelled(name);
        lastExitCode.RemoveLabelled(name);
    }

    private readonly record struct Listed(string Type, string Pid);
}
