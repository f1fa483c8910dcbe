namespace Corral.Processes;

/// <summary>The environment tags every launched process carries, so it can be found even after it escaped its tree.</summary>
public static class CorralEnvironment
{
    /// <summary>The launching corral instance, as <c>pid-starttime</c>: lets anyone check whether the owner still lives.</summary>
    public const string Owner = "CORRAL_OWNER";

    /// <summary>The process name from the fleet file (or bot name).</summary>
    public const string Name = "CORRAL_NAME";

    /// <summary>A unique id of the containment unit, the tag the last kill net searches for.</summary>
    public const string Unit = "CORRAL_UNIT";

    public const string Replica = "CORRAL_REPLICA";

    public const string Port = "CORRAL_PORT";
}
