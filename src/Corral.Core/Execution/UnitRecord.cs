namespace Corral.Execution;

/// <summary>
/// What an earlier corral recorded of a unit, enough to find it again or to clean up after it. A record without a pid
/// is a plan: where a unit was about to start.
/// </summary>
/// <param name="LogOffset">Where the unit's output began in its log file: a unit adopted while still starting is
/// probed for readiness from there, not from the end.</param>
/// <param name="ErrorLogOffset">The same for its stderr file, where it has one of its own.</param>
public sealed record UnitRecord(
    string Name, int? Pid, ulong? StartTime, string? UnitId, string? Location, DateTimeOffset? StartedAt, string? LogFile, long? LogOffset = null, long? ErrorLogOffset = null);
