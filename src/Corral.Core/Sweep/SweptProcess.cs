using Corral.Processes;

namespace Corral.Sweep;

/// <summary>A process selected by a sweep, as shown to the user.</summary>
public sealed record SweptProcess(int Pid, string Command, string? Name)
{
    /// <summary>The start time seen by the scan: a kill goes to this exact process, never to a later one with its pid.</summary>
    public ulong StartTime { get; init; }

    public ProcessId Id => new(Pid, StartTime);
}
