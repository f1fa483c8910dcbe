using Corral.Execution;
using Corral.Supervision;

namespace Corral.Server.Bots;

/// <summary>
/// One bot: what it was launched as (name, type, config, ports, log file) and the lifecycle that runs it. Its live
/// state is the lifecycle's, read freely (a listing may see a state a moment old, never a torn one that matters).
/// </summary>
public sealed class Bot(string name, string type, string configJson, string logFile)
{
    private StatsSample? sample;

    public string Name { get; } = name;

    public string Type { get; } = type;

    public string ConfigJson { get; } = configJson;

    public string LogFile { get; } = logFile;

    /// <summary>Where its stderr goes when the type keeps it apart (the default); absent when the type merges it into <see cref="LogFile"/>.</summary>
    public string ErrorLogFile => Processes.LogNames.StderrOf(LogFile);

    /// <summary>Set once, right after construction, by the supervisor.</summary>
    public UnitLifecycle Lifecycle { get; set; } = null!;

    public IReadOnlyList<int> Ports { get; set; } = [];

    /// <summary>Where the run being started will live, recorded before it starts; null once it runs (or before any start).</summary>
    public UnitRecord? Planned { get; set; }

    /// <summary>Where the current run's output began in its log file.</summary>
    public long? LogOffset { get; set; }

    /// <summary>Where the current run's output began in its stderr file.</summary>
    public long? ErrorLogOffset { get; set; }

    /// <summary>A stop-all wrote this bot's intent to stop with everyone else's, in one commit, before its stop began.</summary>
    public bool StopIntentSaved { get; set; }

    /// <summary>
    /// True once a run of the bot was launched (or adopted): a start interrupted before that was never acknowledged
    /// to the client, and a later daemon undoes it instead of running it.
    /// </summary>
    public bool HasRun => Lifecycle.StartedAt is not null;

    /// <summary>The watch that rotates the bot's log file; disposed when the bot is forgotten.</summary>
    public IDisposable? LogWatch { get; set; }

    public string Status => Lifecycle.Status;

    /// <summary>What runs the bot now (process, container, service); null before the first start.</summary>
    public IUnitHandle? Instance => Lifecycle.Current;

    public DateTimeOffset? StartedAt => Lifecycle.StartedAt;

    /// <summary>Restarts over the bot's life (shown in the API).</summary>
    public int Restarts => Lifecycle.Restarts;

    public int? ExitCode => Lifecycle.ExitCode;

    public string? LastError => Lifecycle.LastError;

    /// <summary>Completes when the current process is ready; faults with the probe's error.</summary>
    public Task Ready => Lifecycle.Ready;

    public bool IsActive => Lifecycle.IsActive;

    /// <summary>
    /// The unit's counts and usage, read again only when the last reading of the same run is older than
    /// <paramref name="maxAge"/>: a listing polled in a loop does not read /proc for every bot every time.
    /// </summary>
    public async Task<UnitStats> StatsAsync(IUnitHandle handle, TimeSpan maxAge, CancellationToken cancel)
    {
        var now = Environment.TickCount64;
        if (sample is { } last && last.Handle == handle && now - last.At < maxAge.TotalMilliseconds)
        {
            return last.Stats;
        }

        var stats = await handle.StatsAsync(cancel).ConfigureAwait(false);
        sample = new StatsSample(handle, now, stats);
        return stats;
    }

    private sealed record StatsSample(IUnitHandle Handle, long At, UnitStats Stats);
}
