using Corral.Processes;

namespace Corral.Sweep;

/// <summary>A running process that carries Corral's tags, with whether the corral that launched it still lives.</summary>
public sealed record CorralProcess(ProcessInfo Info, string Command, string Owner, string? Name, string? Unit, bool OwnerAlive)
{
    public bool IsOrphan => !OwnerAlive;
}
