namespace Corral.Exceptions;

/// <summary>The fleet description is invalid; nothing was started.</summary>
public sealed class FleetSpecException(string message) : CorralException(message);
