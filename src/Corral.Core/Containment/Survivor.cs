namespace Corral.Containment;

/// <summary>A process a stop could not end: enough to find it again (pid and start time) and to tell what it is.</summary>
public sealed record Survivor(int Pid, ulong StartTime, string Command)
{
    public override string ToString() => $"pid {Pid} ({Command})";
}
