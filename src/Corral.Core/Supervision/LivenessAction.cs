namespace Corral.Supervision;

/// <summary>What a unit whose liveness probe failed <c>failure_threshold</c> times in a row gets.</summary>
public enum LivenessAction
{
    /// <summary>Its unit is stopped and the exit goes through the restart block's backoff (restarted even under policy <c>no</c>).</summary>
    Restart,

    /// <summary>Its unit is stopped for good.</summary>
    Stop,

    /// <summary>It is only marked unhealthy (an event, the listing), and keeps being probed.</summary>
    Report,
}
