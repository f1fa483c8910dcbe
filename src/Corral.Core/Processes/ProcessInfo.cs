namespace Corral.Processes;

/// <summary>One row of the process table, read at one instant.</summary>
public sealed record ProcessInfo(ProcessId Id, int ParentPid, int ProcessGroup, int Session, char State)
{
    public int Pid => Id.Pid;

    /// <summary>
    /// Zombies have exited already; only their parent's reaping is missing, so they count as dead. A zombie
    /// thread-group leader whose other threads are still exiting is not dead yet: they still hold its files and ports.
    /// </summary>
    public bool IsDead => State is 'Z' or 'X' or 'x' && !ThreadsStillExiting;

    /// <summary>Set when the leader is a zombie but other threads of the process have not finished exiting.</summary>
    public bool ThreadsStillExiting { get; init; }
}
