using Corral.Config;
using Corral.Contracts;
using Corral.Processes;
using Corral.Server.Logs;
using Corral.Supervision;

namespace Corral.Server.Bots;

/// <summary>
/// A configuration reload without a daemon restart: the plan (types added, removed, changed; bots restarted or
/// pruned), then policies applied in place, bots of changed types restarted one at a time (each ready before the
/// next), bots of removed types stopped with prune and kept otherwise. A <c>reloaded</c> event carries the plan.
/// </summary>
public sealed partial class BotSupervisor
{
    private readonly SemaphoreSlim reloading = new(1, 1);

    public async Task<ReloadPlanDto> ReloadAsync(ServerConfig next, bool dryRun, bool prune, CancellationToken cancel)
    {
        await reloading.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var current = config;
            RefuseRestartOnlyChanges(current, next);
            var plan = Plan(current, next, dryRun, prune);
            if (dryRun)
            {
                return plan;
            }

            config = next;
            foreach (var bot in bots.Values.Where(b => next.Types.ContainsKey(b.Type)))
            {
                ApplyPolicy(bot, next.Types[bot.Type]);
            }

            events.Publish(new BotEvent("reloaded", "", time.GetUtcNow(), Detail: System.Text.Json.JsonSerializer.Serialize(plan, ApiJsonContext.Default.ReloadPlanDto)));
            foreach (var name in plan.Pruning)
            {
                await StopAsync(name, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var name in plan.Restarting)
            {
                try
                {
                    var bot = await RestartAsync(name, cancel).ConfigureAwait(false);
                    await bot.Ready.ConfigureAwait(false);
                }
                catch (Exception e) when (e is Exceptions.CorralException)
                {
                    // One bot not ready under the new configuration: the rest keep running as they were.
                    throw new BotConflictException(
                        $"The rolling restart stopped at {name}, which did not come back ready: {e.Message} Bots not yet restarted: "
                        + $"{string.Join(", ", plan.Restarting.SkipWhile(n => n != name).Skip(1).DefaultIfEmpty("none"))}.");
                }
            }

            return plan;
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>SIGHUP: reload the file as it is now (no prune), saying the outcome in the daemon's log.</summary>
    public async Task ReloadFromSignalAsync()
    {
        try
        {
            var plan = await ReloadAsync(ServerConfigFile.Load(config.Path), dryRun: false, prune: false, CancellationToken.None).ConfigureAwait(false);
            LogReloaded(plan.File, Names(plan.Added), Names(plan.Removed), Names(plan.Changed.Select(c => c.Type)), Names(plan.Restarting));
        }
        catch (Exception e) when (e is ConfigException or Exceptions.CorralException or BotRequestException or BotConflictException)
        {
            LogReloadRefused(e.Message);
        }
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.DefaultIfEmpty("none"));

    private static void RefuseRestartOnlyChanges(ServerConfig current, ServerConfig next)
    {
        var fixedFields = new[]
        {
            ("strategy", current.Strategy, next.Strategy),
            ("state", current.StatePath, next.StatePath),
            ("listen", current.Listen, next.Listen),
        }.Where(f => f.Item2 != f.Item3).Select(f => f.Item1).ToList();
        if (fixedFields.Count > 0)
        {
            throw new BotRequestException(
                $"{next.Path}: {string.Join(", ", fixedFields)} changed; a reload cannot change {(fixedFields.Count == 1 ? "it" : "them")}: restart the daemon (--keep-bots keeps the bots).");
        }
    }

    private ReloadPlanDto Plan(ServerConfig current, ServerConfig next, bool dryRun, bool prune)
    {
        var changed = new List<TypeChangeDto>();
        var restarting = new List<string>();
        foreach (var (name, type) in next.Types.Where(t => current.Types.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var restarts = TypeDiff.RestartingChanges(current.Types[name], type);
            var fields = restarts.Concat(TypeDiff.PolicyChanges(current.Types[name], type)).ToList();
            if (fields.Count == 0)
            {
                continue;
            }

            changed.Add(new TypeChangeDto(name, fields, restarts.Count > 0));
            if (restarts.Count > 0)
            {
                restarting.AddRange(Bots.Where(b => b.Type == name && b.IsActive).Select(b => b.Name));
            }
        }

        var removed = current.Types.Keys.Where(t => !next.Types.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        var orphaned = Bots.Where(b => !next.Types.ContainsKey(b.Type) && b.IsActive).Select(b => b.Name).ToList();
        return new ReloadPlanDto(
            next.Path,
            dryRun,
            next.Types.Keys.Where(t => !current.Types.ContainsKey(t)).Order(StringComparer.Ordinal).ToList(),
            removed,
            changed,
            restarting,
            prune ? orphaned : [],
            prune ? [] : orphaned);
    }

    // Restart block, liveness, stop signal and grace, log rotation: for the running bot, without restarting it.
    private void ApplyPolicy(Bot bot, BotTypeSpec type)
    {
        bot.Lifecycle.ChangePolicy(type.Restart, specs.Request(bot, type).Liveness);
        (bot.Instance as ManagedProcess)?.ChangeStop(type.Process.StopSignal, type.Process.StopGrace);
        bot.LogWatch?.Dispose();
        bot.LogWatch = LogRotation.Watch(watcher, bot.LogFile, type.Logs);
    }
}
