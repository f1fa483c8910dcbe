namespace Corral.Exceptions;

/// <summary>A process could not be started: missing executable, missing working directory, refused by the OS.</summary>
public class LaunchException(string message) : CorralException(message);
