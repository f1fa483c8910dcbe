namespace Corral.Sweep;

/// <summary>A process selected by a sweep, as shown to the user.</summary>
public sealed record SweptProcess(int Pid, string Command, string? Name);
