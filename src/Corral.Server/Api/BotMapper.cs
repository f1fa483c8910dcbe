using Corral.Processes;
using Corral.Server.Bots;

namespace Corral.Server.Api;

/// <summary>Internal model to wire shapes. Counts come from the unit (the cgroup where there is one: no /proc scan per bot).</summary>
internal static class BotMapper
{
    public static BotDto ToDto(Bot bot)
    {
        var process = bot.Process;
        var live = process is not null && !process.HasExited;
        var members = live ? process!.Unit.Members(process.Id) : [];
        var usage = members.Aggregate(default(ProcessUsage), (sum, m) => sum + ProcessTable.ReadUsage(m.Pid));
        return new BotDto(
            bot.Name,
            bot.Type,
            live ? process!.Pid : null,
            bot.Status,
            members.Count(m => m.Id != process!.Id),
            bot.Ports,
            bot.StartedAt,
            bot.Restarts,
            bot.ExitCode,
            Math.Round(usage.CpuSeconds, 2),
            usage.MemoryBytes,
            bot.LastError,
            process?.Unit.Location,
            bot.LogFile,
            process?.IsAdopted ?? false);
    }

    public static StopReportDto ToDto(Bot bot, StopReport? report) => new(
        bot.Name,
        report?.Pid,
        bot.Status,
        report?.Signal,
        report?.Grace.TotalSeconds ?? 0,
        Members(report?.Signalled),
        Members(report?.ExitedBySignal),
        Members(report?.Killed),
        report?.ExitCode ?? bot.ExitCode,
        Math.Round(report?.Duration.TotalMilliseconds ?? 0, 1),
        report?.ProvenEmpty ?? true);

    private static List<MemberDto> Members(IReadOnlyList<Containment.StoppedMember>? members) =>
        members?.Select(m => new MemberDto(m.Pid, m.Command)).ToList() ?? [];
}
