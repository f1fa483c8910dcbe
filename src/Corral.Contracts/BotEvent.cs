namespace Corral.Contracts;

/// <summary>One state change of one bot, as streamed on <c>GET /v1/events</c>.</summary>
public sealed record BotEvent(
    string Kind,
    string BotName,
    DateTimeOffset At,
    int? Pid = null,
    string? Status = null,
    int? ExitCode = null,
    string? Detail = null,
    IReadOnlyList<int>? Killed = null);
