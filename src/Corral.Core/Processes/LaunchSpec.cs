using Corral.Signals;

namespace Corral.Processes;

/// <summary>Everything needed to start one contained process. <see cref="Command"/> is an argv, never a command line.</summary>
public sealed record LaunchSpec(string Name, IReadOnlyList<string> Command)
{
    public int Replica { get; init; }

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where stdout (and stderr, unless <see cref="ErrorLogFile"/> is set) is appended; null keeps output in memory only.</summary>
    public string? LogFile { get; init; }

    /// <summary>Where stderr is appended, apart from stdout so the two can be told apart; null: into <see cref="LogFile"/>.</summary>
    public string? ErrorLogFile { get; init; }

    /// <summary>
    /// The process writes its output to <see cref="LogFile"/> (and <see cref="ErrorLogFile"/>) itself instead of through a pipe to corral, so it
    /// outlives corral without a broken pipe and a later corral can adopt it and read its output.
    /// </summary>
    public bool DetachedOutput { get; init; }

    /// <summary>Share corral's terminal instead of capturing output (for a test command).</summary>
    public bool InheritConsole { get; init; }

    /// <summary>Windows: a console window of its own (<c>CREATE_NEW_CONSOLE</c>); its output is neither captured nor logged.</summary>
    public bool NewConsole { get; init; }

    /// <summary>The unit to start in, as planned beforehand (<see cref="Execution.IExecutionStrategy.Plan"/>); null: a new one.</summary>
    public string? UnitId { get; init; }

    public Signal StopSignal { get; init; } = Signal.Term;

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Show the replica number in names (set when a process has several replicas).</summary>
    public bool ShowReplica { get; init; }

    /// <summary>Limits on the unit, applied before the process runs; a launch that cannot apply them is refused.</summary>
    public Containment.UnitLimits? Limits { get; init; }

    /// <summary><c>name#replica</c> when replicas are shown, else just the name.</summary>
    public string DisplayName => ShowReplica ? $"{Name}#{Replica}" : Name;
}
