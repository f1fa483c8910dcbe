namespace Corral.Fleet;

/// <summary>A fleet: named processes with their dependencies. Immutable; usually loaded from a fleet file.</summary>
public sealed record FleetSpec(IReadOnlyList<ProcessSpec> Processes)
{
    /// <summary>The folder relative working directories resolve against (the fleet file's folder).</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The strategy of processes that name none: <c>local</c> unless the fleet file says otherwise.</summary>
    public string Strategy { get; init; } = "local";
}
