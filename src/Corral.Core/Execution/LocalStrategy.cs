using Corral.Containment;
using Corral.Processes;
using Corral.Sweep;

namespace Corral.Execution;

/// <summary><c>strategy: local</c>: each unit a process in its own cgroup (or session, or Job Object).</summary>
public sealed class LocalStrategy(ProcessLauncher launcher) : IExecutionStrategy
{
    public string Name => "local";

    public string Containment => launcher.Containment.Kind.ToString().ToLowerInvariant();

    public ProcessLauncher ProbeLauncher => launcher;

    public UnitRecord Plan(UnitRequest request)
    {
        var unitId = request.Launch.UnitId ?? ProcessLauncher.NewUnitId(request.Launch);
        return new UnitRecord(request.UnitName, null, null, unitId, launcher.Containment.LocationOf(unitId), null, request.Launch.LogFile);
    }

    public Task<IUnitHandle> StartAsync(UnitRequest request, CancellationToken cancel) =>
        Task.FromResult<IUnitHandle>(launcher.Start(request.Launch));

    public Task<IUnitHandle?> ReattachAsync(UnitRecord record, UnitRequest? request, CancellationToken cancel)
    {
        if (Identity(record) is not { } id || record.UnitId is null || record.Location is null || !ProcessTable.IsAlive(id))
        {
            return Task.FromResult<IUnitHandle?>(null);
        }

        var spec = request?.Launch ?? new LaunchSpec(record.Name, []) { LogFile = record.LogFile, DetachedOutput = true };
        var process = launcher.Adopt(spec, id, record.UnitId, record.Location, record.StartedAt ?? DateTimeOffset.UtcNow, new LogStart(record.LogOffset ?? LogStart.AtEnd.Stdout, record.ErrorLogOffset ?? LogStart.AtEnd.Stderr));

        // Its tags still name the dead owner: without this a sweep would take it for an orphan.
        Adoptions.RecordIfForeign(ProcessTable.ReadCorralEnvironment(id.Pid).GetValueOrDefault(CorralEnvironment.Owner), record.UnitId);
        return Task.FromResult<IUnitHandle?>(process);
    }

    public async Task<IReadOnlyList<int>> CleanupAsync(UnitRecord record, CancellationToken cancel)
    {
        if (record.UnitId is null || record.Location is null)
        {
            return [];
        }

        // A plan has no main process: its cgroup (if it was created) and the unit's tag still find everything.
        var id = Identity(record) ?? new ProcessId(0, 0);
        using var unit = launcher.Reattach(record.UnitId, record.Location, id);
        var report = await unit.StopAsync(id, Signals.Signal.Kill, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        return report.Signalled.Select(s => s.Pid).ToList();
    }

    public void Cleanup() => launcher.Containment.Cleanup();

    private static ProcessId? Identity(UnitRecord record) =>
        record.Pid is { } pid && record.StartTime is { } start ? new ProcessId(pid, start) : null;
}
