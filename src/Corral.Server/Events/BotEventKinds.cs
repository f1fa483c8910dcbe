namespace Corral.Server.Events;

public static class BotEventKinds
{
    public const string Launched = "launched";
    public const string Ready = "ready";
    public const string Exited = "exited";
    public const string Restarted = "restarted";
    public const string Backoff = "backoff";
    public const string Failed = "failed";
    public const string Stopped = "stopped";
    public const string Adopted = "adopted";
    public const string Scaled = "scaled";
}
