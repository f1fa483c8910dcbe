namespace Corral.Server.Bots;

/// <summary>The status values of the API, as the old manager's clients read them.</summary>
public static class BotStatus
{
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string Exited = "exited";
    public const string Failed = "failed";
    public const string Backoff = "backoff";
}
