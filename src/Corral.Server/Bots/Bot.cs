using Corral.Server.Execution;

namespace Corral.Server.Bots;

/// <summary>
/// One bot's live state. Mutated only while holding its name's gate in <see cref="BotSupervisor"/>; read freely
/// (a listing may see a state a moment old, never a torn one that matters).
/// </summary>
public sealed class Bot(string name, string type, string configJson, string logFile)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public string ConfigJson { get; } = configJson;

    public string LogFile { get; } = logFile;

    private volatile string status = BotStatus.Starting;

    public string Status
    {
        get => status;
        set => status = value;
    }

    /// <summary>What runs the bot now (process, container); null before the first start and after a stop.</summary>
    public IRunningBot? Instance { get; set; }

    public IReadOnlyList<int> Ports { get; set; } = [];

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Restarts over the bot's life (shown in the API).</summary>
    public int Restarts { get; set; }

    /// <summary>Failures since the bot last ran longer than the policy's reset time (what <c>max</c> limits).</summary>
    public int ConsecutiveFailures { get; set; }

    public int? ExitCode { get; set; }

    public string? LastError { get; set; }

    /// <summary>The current run failed its readiness probe (so its end is a failure, whatever the exit code).</summary>
    public bool NotReady { get; set; }

    /// <summary>Cancelled when the bot is stopped: ends its readiness wait and any pending restart.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>Completes when the current process is ready; faults with the probe's error.</summary>
    public Task Ready { get; set; } = Task.CompletedTask;

    /// <summary>The watch that rotates the bot's log file; disposed when the bot is forgotten.</summary>
    public IDisposable? LogWatch { get; set; }

    public bool IsActive => Status is BotStatus.Starting or BotStatus.Running or BotStatus.Backoff or BotStatus.Stopping;
}
