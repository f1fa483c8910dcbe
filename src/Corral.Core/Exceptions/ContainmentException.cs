namespace Corral.Exceptions;

/// <summary>A unit could not be created, entered or proven empty.</summary>
public sealed class ContainmentException(string message) : CorralException(message);
