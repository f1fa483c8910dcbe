using Corral.Contracts;

namespace Corral.Server.Events;

/// <summary>An event with its place in the daemon's sequence: the SSE <c>id:</c> a client resumes from.</summary>
public readonly record struct NumberedEvent(long Id, BotEvent Event);
