namespace Corral.Supervision;

/// <summary>Where a unit is in its life, as shown by <c>corral ps</c>, the API and the state file.</summary>
public static class UnitStatus
{
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string Exited = "exited";
    public const string Failed = "failed";
    public const string Backoff = "backoff";

    /// <summary>Holds (or is about to hold) a live unit: its name cannot be launched again.</summary>
    public static bool IsActive(string status) => status is Starting or Running or Backoff or Stopping;
}
