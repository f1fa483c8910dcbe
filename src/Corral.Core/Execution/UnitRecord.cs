namespace Corral.Execution;

/// <summary>What an earlier corral recorded of a unit, enough to find it again or to clean up after it.</summary>
public sealed record UnitRecord(string Name, int? Pid, ulong? StartTime, string? UnitId, string? Location, DateTimeOffset? StartedAt, string? LogFile);
