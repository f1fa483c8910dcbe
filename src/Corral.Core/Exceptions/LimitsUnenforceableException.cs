namespace Corral.Exceptions;

/// <summary>A launch refused before anything started: its limits cannot be enforced on this machine (the message says why).</summary>
public sealed class LimitsUnenforceableException(string message) : LaunchException(message);
