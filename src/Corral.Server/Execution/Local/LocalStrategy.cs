using Corral.Config;
using Corral.Containment;
using Corral.Processes;
using Corral.Server.Bots;
using Corral.Server.State;
using Corral.Sweep;

namespace Corral.Server.Execution.Local;

/// <summary><c>strategy: local</c>: each bot a process in its own cgroup (or session), writing its own log file.</summary>
public sealed class LocalStrategy(ContainmentProvider containment, BotLaunchSpecs specs, Watching.ChangeWatcher watcher) : IExecutionStrategy
{
    private readonly ProcessLauncher launcher = new(containment, watcher);

    public string Name => "local";

    public string Containment => containment.Kind.ToString().ToLowerInvariant();

    public ProcessLauncher ProbeLauncher => launcher;

    public Task<IRunningBot> StartAsync(Bot bot, BotTypeSpec type, CancellationToken cancel) =>
        Task.FromResult<IRunningBot>(new LocalBot(launcher.Start(specs.Build(bot, type))));

    public Task<IRunningBot?> ReattachAsync(BotRecord record, Bot bot, BotTypeSpec? type, CancellationToken cancel)
    {
        if (Identity(record) is not { } id || record.UnitId is null || record.UnitLocation is null || !ProcessTable.IsAlive(id))
        {
            return Task.FromResult<IRunningBot?>(null);
        }

        var spec = type is null ? new LaunchSpec(bot.Name, []) { LogFile = bot.LogFile, DetachedOutput = true } : specs.Build(bot, type);
        var process = launcher.Adopt(spec, id, record.UnitId, record.UnitLocation, record.StartedAt ?? DateTimeOffset.UtcNow);
        // Its tags still name the dead daemon: without this a sweep would take it for an orphan.
        Adoptions.RecordIfForeign(ProcessTable.ReadCorralEnvironment(id.Pid).GetValueOrDefault(CorralEnvironment.Owner));

        return Task.FromResult<IRunningBot?>(new LocalBot(process));
    }

    public async Task<IReadOnlyList<int>> CleanupAsync(BotRecord record, CancellationToken cancel)
    {
        if (Identity(record) is not { } id || record.UnitId is null || record.UnitLocation is null)
        {
            return [];
        }

        using var unit = launcher.Reattach(record.UnitId, record.UnitLocation, id);
        var report = await unit.StopAsync(id, Signals.Signal.Kill, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        return report.Signalled.Select(s => s.Pid).ToList();
    }

    public void Cleanup() => containment.Cleanup();

    private static ProcessId? Identity(BotRecord record) =>
        record.Pid is { } pid && record.StartTime is { } start ? new ProcessId(pid, start) : null;
}
