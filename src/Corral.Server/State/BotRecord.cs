namespace Corral.Server.State;

/// <summary>One bot as the database keeps it: enough to re-adopt it after the daemon restarts.</summary>
public sealed record BotRecord(
    string Name,
    string Type,
    string ConfigJson,
    string Desired,
    string Status,
    int? Pid,
    ulong? StartTime,
    string? UnitId,
    string? UnitLocation,
    IReadOnlyList<int> Ports,
    DateTimeOffset? StartedAt,
    int Restarts,
    int? ExitCode,
    string LogFile);
