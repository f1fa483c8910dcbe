using Corral.Containment;
using Corral.Processes;

namespace Corral.Fleet;

public sealed record FleetOptions
{
    public ContainmentPreference Containment { get; init; } = ContainmentPreference.Auto;

    /// <summary>Where <c>NAME-REPLICA.log</c> files go; null keeps output in memory only.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Called for every state change (launching, ready, exited, stopped), on any thread.</summary>
    public Action<Supervision.UnitEvent>? OnEvent { get; init; }

    /// <summary>Strategies other than <c>local</c> (which is always there), by name: <c>docker</c>.</summary>
    public IReadOnlyDictionary<string, Execution.IExecutionStrategy> Strategies { get; init; } = new Dictionary<string, Execution.IExecutionStrategy>();

    /// <summary>
    /// Cuts the graces short when a start-up that failed or was cancelled tears down what it had started (the
    /// second Ctrl+C while a readiness wait is still running).
    /// </summary>
    public CancellationToken Hurry { get; init; }

    /// <summary>Shared change watcher (exits, output, emptied units); null gives the fleet one of its own.</summary>
    public Watching.ChangeWatcher? Watcher { get; init; }

    /// <summary>Called once for each replica as its first start begins (before its events), on any thread.</summary>
    public Action<FleetMember>? OnMember { get; init; }

    /// <summary>Called for every output line of every process, on any thread.</summary>
    public Action<OutputLine>? OnOutput { get; init; }
}
