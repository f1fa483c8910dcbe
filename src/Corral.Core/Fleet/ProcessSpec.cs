using Corral.Readiness;
using Corral.Signals;

namespace Corral.Fleet;

/// <summary>
/// One entry of a fleet. <see cref="Command"/> is an argv; a shell string is expressed as <c>["/bin/sh", "-c", text]</c>.
/// Every string may hold <c>{port}</c>, <c>{name}</c>, <c>{replica}</c> and <c>{other.port}</c>.
/// </summary>
public sealed record ProcessSpec(string Name, IReadOnlyList<string> Command)
{
    public int Replicas { get; init; } = 1;

    public PortSpec? Port { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public ProbeSpec? Readiness { get; init; }

    /// <summary>Memory, CPU and process-count limits on the process's whole unit; null: none.</summary>
    public Containment.UnitLimits? Limits { get; init; }

    /// <summary>Probed once the process is ready, for as long as it runs; null: a running process counts as alive.</summary>
    public Supervision.LivenessSpec? Liveness { get; init; }

    public Signal StopSignal { get; init; } = Signal.Term;

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether and how it is restarted when it exits by itself; the same block as a bot type's.</summary>
    public Supervision.RestartSpec Restart { get; init; } = Supervision.RestartSpec.Never;

    /// <summary>What runs it (<c>local</c>, <c>docker</c>); null takes the fleet's.</summary>
    public string? Strategy { get; init; }

    /// <summary>The image a <c>docker</c> process runs (its own command when <see cref="Command"/> is empty).</summary>
    public string? Image { get; init; }

    /// <summary>
    /// <c>console: new</c>: on Windows the process gets a console window of its own (its output shows there, not in
    /// corral's output or log); elsewhere there is no such thing and its output is captured as usual.
    /// </summary>
    public bool NewConsole { get; init; }

    /// <summary>Builds the argv for a command given as one string: it runs under <c>/bin/sh -c</c>.</summary>
    public static IReadOnlyList<string> Shell(string commandLine) => ["/bin/sh", "-c", commandLine];
}
