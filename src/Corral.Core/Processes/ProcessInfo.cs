namespace Corral.Processes;

/// <summary>One row of the process table, read at one instant.</summary>
public sealed record ProcessInfo(ProcessId Id, int ParentPid, int ProcessGroup, int Session, char State)
{
    public int Pid => Id.Pid;

    /// <summary>Zombies have exited already; only their parent's reaping is missing, so they count as dead.</summary>
    public bool IsDead => State is 'Z' or 'X' or 'x';
}
