using Corral.Processes;

namespace Corral.Fleet;

/// <summary>One replica of a fleet process, supervised by its lifecycle (which restarts it by its policy).</summary>
public sealed record FleetMember(ProcessSpec Spec, int Replica, int? Port, Supervision.UnitLifecycle Lifecycle, int Order)
{
    public string DisplayName => Lifecycle.Name;

    /// <summary>The file the replica's output goes to; null when the fleet keeps output in memory only.</summary>
    public string? LogFile { get; init; }

    /// <summary>What runs the replica now: a contained process or a container.</summary>
    public Execution.IUnitHandle Unit => Lifecycle.Current!;

    /// <summary>The contained local process, for members of strategy local; null for containers.</summary>
    public ManagedProcess? Process => Unit as ManagedProcess;

    /// <summary>The environment variable a test command finds this member's port in: <c>CORRAL_PORT_CLIENT_0</c>.</summary>
    public string PortVariable => $"CORRAL_PORT_{EnvironmentName(Spec.Name)}_{Replica}";

    internal static string EnvironmentName(string name) =>
        new(name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
