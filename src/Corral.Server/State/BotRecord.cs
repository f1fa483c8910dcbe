namespace Corral.Server.State;

/// <summary>
/// One bot as the database keeps it: enough to re-adopt it after the daemon restarts. A record with a unit but no pid
/// is a start in progress (the unit was planned and recorded before anything ran).
/// </summary>
/// <param name="LogOffset">Where the current run's output began in the log file (for readiness after re-adoption).</param>
/// <param name="ErrorLogOffset">The same in its stderr file.</param>
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
    string LogFile,
    long? LogOffset = null,
    long? ErrorLogOffset = null);
