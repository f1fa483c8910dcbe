namespace Corral.Fleet;

public enum FleetEventKind
{
    Launching,
    Launched,
    Ready,
    Failed,
    Exited,
    Stopping,
    Stopped,
}

/// <summary>One state change of one fleet process.</summary>
public sealed record FleetEvent(FleetEventKind Kind, string Process, int? Pid = null, TimeSpan? Elapsed = null, string? Detail = null);
