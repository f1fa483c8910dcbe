namespace Corral.Sweep;

/// <summary>A unit cgroup some corral created, with its owner's liveness and how many live processes it holds.</summary>
public sealed record CorralCgroup(string Path, string Owner, bool OwnerAlive, int Members);
