using Corral.Processes;

namespace Corral.Fleet;

/// <summary>One running replica of a fleet process.</summary>
public sealed record FleetMember(ProcessSpec Spec, int Replica, int? Port, Execution.IFleetUnit Unit, int Order)
{
    public string DisplayName => Unit.DisplayName;

    /// <summary>The contained local process, for members of strategy local; null for containers.</summary>
    public ManagedProcess? Process => Unit as ManagedProcess;

    /// <summary>The environment variable a test command finds this member's port in: <c>CORRAL_PORT_CLIENT_0</c>.</summary>
    public string PortVariable => $"CORRAL_PORT_{EnvironmentName(Spec.Name)}_{Replica}";

    internal static string EnvironmentName(string name) =>
        new(name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
