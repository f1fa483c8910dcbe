using System.Text.Json;

namespace Corral.Contracts;

// Wire shapes, separate from the internal model; field names are the old manager's (snake_case).

public sealed record LaunchRequest(string? BotName, string? BotType, JsonElement? Config);

public sealed record StopAllRequest(bool All);

public sealed record ScaleRequest(int Replicas);

public sealed record BotDto(
    string BotName,
    string BotType,
    int? Pid,
    string Status,
    int ChildProcesses,
    IReadOnlyList<int> Ports,
    DateTimeOffset? StartedAt,
    int Restarts,
    int? ExitCode,
    double CpuSeconds,
    long MemoryBytes,
    string? LastError,
    string? Unit,
    string LogFile,
    bool Adopted,
    IReadOnlyList<TaskDto>? Tasks)
{
    /// <summary>What its liveness probe says: <c>healthy</c>, <c>unhealthy</c>, or <c>unknown</c> (no probe, or no answer yet).</summary>
    public string Health { get; init; } = "unknown";
}

public sealed record TaskDto(string Id, string? Node, int? Slot, string State, string DesiredState, string? ContainerId, int? Pid, int? ExitCode, string? Error);

public sealed record BotListDto(int Total, IReadOnlyList<BotDto> Bots);

public sealed record MemberDto(int Pid, string Command);

public sealed record StopReportDto(
    string BotName,
    int? Pid,
    string Status,
    string? Signal,
    double GraceSeconds,
    IReadOnlyList<MemberDto> Signalled,
    IReadOnlyList<MemberDto> ExitedBySignal,
    IReadOnlyList<MemberDto> Killed,
    int? ExitCode,
    double DurationMs,
    bool ProvenEmpty,
    IReadOnlyList<SurvivorDto> Survivors);

/// <summary>A process a stop could not end.</summary>
public sealed record SurvivorDto(int Pid, ulong StartTime, string Command);

public sealed record StopAllDto(int Total, IReadOnlyList<StopReportDto> Stopped);

public sealed record ExitDto(DateTimeOffset At, int? ExitCode, string Reason);

public sealed record BotDetailDto(BotDto Bot, string Containment, IReadOnlyList<string> Command, IReadOnlyList<ExitDto> Exits)
{
    /// <summary>The config object the bot was launched with, as JSON.</summary>
    public string? ConfigJson { get; init; }
}

public sealed record HealthDto(string Status, int Bots, string Containment, string Strategy)
{
    /// <summary>Started with <c>--read-only</c>: every state-changing request is refused (403).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Requests (all but this one and the dashboard's files) need the token.</summary>
    public bool TokenRequired { get; init; }
}

/// <summary>The dashboard's login.</summary>
public sealed record SessionRequest(string? Token);

/// <summary>A registered bot type, as the launch form offers it.</summary>
public sealed record BotTypeDto(string Name, IReadOnlyList<string> Command, string? Port, string? Readiness);

public sealed record BotTypeListDto(IReadOnlyList<BotTypeDto> Types);

/// <summary>One bot type that a reload changes: which fields, and whether its bots restart for it.</summary>
public sealed record TypeChangeDto(string Type, IReadOnlyList<string> Fields, bool RestartsBots);

/// <summary>
/// What a configuration reload does (or, for a dry run, would do): types added, removed and changed, the running bots
/// it restarts one at a time, and those it stops because their type is gone (with prune).
/// </summary>
public sealed record ReloadPlanDto(
    string File,
    bool DryRun,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<TypeChangeDto> Changed,
    IReadOnlyList<string> Restarting,
    IReadOnlyList<string> Pruning,
    IReadOnlyList<string> KeptWithoutType);

/// <summary>One line of a log in <c>format=json</c>: which bot wrote it, on which stream (stdout or stderr), and the text.</summary>
public sealed record LogLineDto(string Bot, string Stream, string Line);

/// <summary>The most lines a log request gives of each file: of one bot, and of each bot in the merged log.</summary>
public static class LogTails
{
    public const int PerBot = 100_000;

    public const int PerBotMerged = 10_000;
}
