using Corral.Processes;
using Corral.Server.Bots;
using Corral.Execution;
using Corral.Contracts;

namespace Corral.Server.Api;

/// <summary>Internal model to wire shapes. Counts come from the unit (the cgroup where there is one: no /proc scan per bot).</summary>
internal static class BotMapper
{
    /// <summary>How old a listing's counts and usage may be (one bot's own GET reads them live).</summary>
    public static readonly TimeSpan ListingMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Every bot as <c>GET /v1/bots/</c> lists it (counts and usage at most <see cref="ListingMaxAge"/> old).</summary>
    public static async Task<BotDto[]> ListAsync(IBotCatalog supervisor, CancellationToken cancel) =>
        await Task.WhenAll(supervisor.Bots.Select(b => ToDtoAsync(b, cancel, ListingMaxAge))).ConfigureAwait(false);

    public static async Task<BotDto> ToDtoAsync(Bot bot, CancellationToken cancel, TimeSpan maxAge = default)
    {
        var process = bot.Instance;
        var live = process is not null && !process.HasExited;
        var stats = live ? await StatsAsync(bot, process!, maxAge, cancel).ConfigureAwait(false) : default;
        var usage = stats.Usage;
        return new BotDto(
            bot.Name,
            bot.Type,
            live ? process!.Pid : null,
            bot.Status,
            stats.ChildProcesses,
            bot.Ports,
            bot.StartedAt,
            bot.Restarts,
            bot.ExitCode,
            Math.Round(usage.CpuSeconds, 2),
            usage.MemoryBytes,
            bot.LastError,
            process?.Location,
            bot.LogFile,
            process?.IsAdopted ?? false,
            stats.Tasks?.Select(t => new TaskDto(t.Id, t.Node, t.Slot, t.State, t.DesiredState, t.ContainerId, t.Pid, t.ExitCode, t.Error)).ToList())
        {
            Health = bot.Lifecycle.Health,
        };
    }

    // A unit that changes under the question (a task being replaced, a container stopping) must not fail the listing.
    private static async Task<UnitStats> StatsAsync(Bot bot, IUnitHandle process, TimeSpan maxAge, CancellationToken cancel)
    {
        try
        {
            return await bot.StatsAsync(process, maxAge, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return default;
        }
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
        report?.ProvenEmpty ?? true,
        report?.Survivors.Select(v => new SurvivorDto(v.Pid, v.StartTime, v.Command)).ToList() ?? []);

    private static List<MemberDto> Members(IReadOnlyList<Containment.StoppedMember>? members) =>
        members?.Select(m => new MemberDto(m.Pid, m.Command)).ToList() ?? [];
}
