namespace Corral.Exceptions;

/// <summary>This machine cannot give the containment asked for (a required cgroup), or hold a unit to its limits.</summary>
public sealed class ContainmentUnavailableException(string message) : CorralException(message);
