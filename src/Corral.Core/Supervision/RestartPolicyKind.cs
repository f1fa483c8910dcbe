namespace Corral.Supervision;

public enum RestartPolicyKind
{
    /// <summary>Never restart; an exit is final.</summary>
    No,

    /// <summary>Restart after a non-zero exit (or death by a signal).</summary>
    OnFailure,

    /// <summary>Restart after any exit that was not a requested stop.</summary>
    Always,
}
