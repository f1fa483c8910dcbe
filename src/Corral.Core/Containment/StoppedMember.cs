namespace Corral.Containment;

/// <summary>A process a stop dealt with, as it was when first seen.</summary>
public sealed record StoppedMember(int Pid, string Command);
