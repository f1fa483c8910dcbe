using Corral.Exceptions;

namespace Corral.Server.Bots;

/// <summary>No bot has this name (404).</summary>
public sealed class BotNotFoundException(string name) : CorralException($"No bot is named '{name}'.");

/// <summary>A bot of this name is already running (409).</summary>
public sealed class BotConflictException(string message) : CorralException(message);

/// <summary>The request cannot be carried out as given (400): unknown type, invalid name, bad config.</summary>
public sealed class BotRequestException(string message) : CorralException(message);
