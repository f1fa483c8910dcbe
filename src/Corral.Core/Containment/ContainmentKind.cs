namespace Corral.Containment;

/// <summary>How a machine lets Corral hold a whole process tree.</summary>
public enum ContainmentKind
{
    /// <summary>One cgroup v2 per unit: membership is kernel truth and <c>cgroup.kill</c> cannot be escaped.</summary>
    Cgroup,

    /// <summary>Own session + child subreaper + environment tag, with freeze-then-kill scans.</summary>
    Session,

    /// <summary>A Windows Job Object with KILL_ON_JOB_CLOSE and no breakaway.</summary>
    JobObject,

    /// <summary>A container the Docker engine runs (its own cgroup and pid namespace); removing it ends every process in it.</summary>
    Container,
}
