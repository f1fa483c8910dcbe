using Corral.Exceptions;
using Corral.Execution;
using Corral.Processes;
using Corral.Readiness;

namespace Corral.Supervision;

/// <summary>
/// One unit's life, the same for a fleet replica of <c>corral up</c> and a bot of <c>corral serve</c>: start, wait
/// until ready, watch the exit, restart by policy with backoff, stop. Every change is one <see cref="UnitEvent"/>.
/// Operations on one unit are serialized by its gate; units proceed in parallel. Nothing here polls: exits and
/// readiness come from the strategy's handle, backoff from the clock.
/// </summary>
public sealed partial class UnitLifecycle
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    private readonly IExecutionStrategy strategy;
    private readonly Func<UnitRequest?> request;
    private LifecycleOptions options;
    private volatile string status = UnitStatus.Starting;
    private bool notReady;

    /// <param name="request">Builds what to start (or what an adopted unit was started as), afresh each time; null
    /// when the unit can no longer be started (its type is gone from the configuration).</param>
    public UnitLifecycle(string name, IExecutionStrategy strategy, Func<UnitRequest?> request, LifecycleOptions options)
    {
        Name = name;
        this.strategy = strategy;
        this.request = request;
        this.options = options;
    }

    public string Name { get; }

    public string Status => status;

    /// <summary>What runs the unit now (or ran it last); null before the first start.</summary>
    public IUnitHandle? Current { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Restarts over the unit's life.</summary>
    public int Restarts { get; private set; }

    /// <summary>Failures since the unit last ran longer than the policy's reset time (what <c>max</c> limits).</summary>
    public int ConsecutiveFailures { get; private set; }

    public int? ExitCode { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Completes when the current run is ready; faults with the probe's error.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    public bool IsActive => UnitStatus.IsActive(status);

    /// <summary>Carries over what an earlier corral recorded, before <see cref="AdoptAsync"/>.</summary>
    public void Restore(string recordedStatus, int restarts, DateTimeOffset? startedAt, int? exitCode)
    {
        status = recordedStatus;
        Restarts = restarts;
        StartedAt = startedAt;
        ExitCode = exitCode;
    }

    public async Task StartAsync(CancellationToken cancel)
    {
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await StartCoreAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Takes over the unit an earlier corral recorded; if it died meanwhile, cleans up and applies the policy, unless
    /// <paramref name="stopping"/> (the earlier corral was stopping it): then it ends stopped, never restarted.
    /// </summary>
    public async Task AdoptAsync(UnitRecord record, string recordedStatus, CancellationToken cancel, bool stopping = false)
    {
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var unit = request();
            var handle = await strategy.ReattachAsync(record, unit, cancel).ConfigureAwait(false);
            if (handle is not null)
            {
                Current = handle;
                var probe = unit?.Readiness;
                status = probe is not null && recordedStatus == UnitStatus.Starting ? UnitStatus.Starting : UnitStatus.Running;
                health = UnitHealth.Unknown;
                var liveness = unit is null ? null : LivenessOf(unit);
                Ready = status == UnitStatus.Starting ? WaitReadyAsync(handle, probe!, liveness, options.Time.GetTimestamp()) : Task.CompletedTask;
                Emit(UnitEventKind.Adopted, handle.Pid);
                if (status == UnitStatus.Running)
                {
                    WatchLiveness(handle, liveness);
                }

                WatchLimits(handle, unit);
                _ = WatchExitAsync(handle);
                return;
            }

            // Died while nobody watched it. Its unit may still hold children: they go, then the policy decides.
            var killed = await strategy.CleanupAsync(record, cancel).ConfigureAwait(false);
            if (stopping)
            {
                status = UnitStatus.Stopped;
                Emit(UnitEventKind.Stopped, record.Pid, "it ended while no corral watched it", killed: killed);
                return;
            }

            LastError = "it exited while no corral watched it; its exit code is unknown";
            OnExited(null, killed);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Stops the unit for good and returns what the stop did (null when nothing ever ran). A unit that cannot be
    /// proven empty ends <c>failed</c> with its survivors in the report and the event, not with an exception.
    /// </summary>
    public async Task<StopReport?> StopAsync(CancellationToken hurry = default)
    {
        status = UnitStatus.Stopping;
        await lifetime.CancelAsync().ConfigureAwait(false);
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var handle = Current;
            Emit(UnitEventKind.Stopping, handle?.Pid);
            var report = handle is null ? null : await handle.StopAsync(hurry).ConfigureAwait(false);
            ExitCode = report?.ExitCode ?? ExitCode;
            if (report is { ProvenEmpty: false })
            {
                status = UnitStatus.Failed;
                LastError = $"the stop could not prove the unit empty; still alive: {string.Join(", ", report.Survivors)}";
                Emit(UnitEventKind.Failed, handle?.Pid, LastError, report);
                return report;
            }

            status = UnitStatus.Stopped;
            Emit(UnitEventKind.Stopped, handle?.Pid, report is null ? null : Describe(report), report);
            return report;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the current run (whole unit) and starts a new one; counts as a restart.</summary>
    public async Task RestartAsync(CancellationToken cancel)
    {
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var old = Current;
            Current = null;
            if (old is not null)
            {
                await old.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            Restarts++;
            await StartCoreAsync(cancel).ConfigureAwait(false);
            Emit(UnitEventKind.Restarted, Current?.Pid, "requested");
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ScaleAsync(int replicas, CancellationToken cancel)
    {
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var scalable = Current as IScalableUnit ?? throw new InvalidOperationException($"{Name} runs one process; it cannot be scaled.");
            await scalable.ScaleAsync(replicas, cancel).ConfigureAwait(false);
            Emit(UnitEventKind.Scaled, Current?.Pid, $"{replicas} replicas");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Lets go of the unit without stopping it (it is left for the next corral to adopt).</summary>
    public void Detach() => lifetime.Cancel();

    /// <summary>Marks the unit failed from outside (an adoption that could not be completed).</summary>
    public void MarkFailed(string reason)
    {
        LastError = reason;
        status = UnitStatus.Failed;
        Emit(UnitEventKind.Failed, Current?.Pid, reason);
    }

    internal static string Describe(StopReport report) =>
        $"{report.Signalled.Count} signalled, {report.ExitedBySignal.Count} exited by {report.Signal}, {report.Killed.Count} killed"
        + (report.ExitCode is { } code ? $", exit code {code}" : "");

    /// <summary>Starts a run; the caller holds the gate.</summary>
    private async Task StartCoreAsync(CancellationToken cancel)
    {
        var unit = request() ?? throw new LaunchException($"{Name}: there is no configuration to start it from any more.");
        options.BeforeStart?.Invoke();
        var began = options.Time.GetTimestamp();
        var planned = strategy.Plan(unit);
        unit = unit with { Launch = unit.Launch with { UnitId = planned.UnitId } };
        Emit(UnitEventKind.Launching, null, planned: planned);
        var handle = await strategy.StartAsync(unit, cancel).ConfigureAwait(false);
        Current = handle;
        StartedAt = options.Time.GetUtcNow();
        ExitCode = null;
        LastError = null;
        notReady = false;
        endedForLiveness = false;
        health = UnitHealth.Unknown;
        var probe = unit.Readiness;
        status = probe is null ? UnitStatus.Running : UnitStatus.Starting;
        Emit(UnitEventKind.Launched, handle.Pid, elapsed: options.Time.GetElapsedTime(began));
        if (probe is null)
        {
            Emit(UnitEventKind.Ready, handle.Pid, elapsed: options.Time.GetElapsedTime(began));
            WatchLiveness(handle, LivenessOf(unit));
        }

        Ready = probe is null ? Task.CompletedTask : WaitReadyAsync(handle, probe, LivenessOf(unit), began);
        WatchLimits(handle, unit);
        _ = WatchExitAsync(handle);
    }

    // What corral probes itself: nothing where the engine does (a Swarm health check replaces unhealthy tasks).
    private LivenessSpec? LivenessOf(UnitRequest unit) => strategy.ProbesLivenessItself(unit) ? null : unit.Liveness;

    private async Task WaitReadyAsync(IUnitHandle handle, ProbeSpec probe, LivenessSpec? liveness, long began)
    {
        try
        {
            await ReadinessWaiter.WaitAsync(handle, probe, strategy.ProbeLauncher, lifetime.Token).ConfigureAwait(false);
            if (Current == handle && status == UnitStatus.Starting)
            {
                status = UnitStatus.Running;
                var elapsed = options.Time.GetElapsedTime(began);
                Emit(UnitEventKind.Ready, handle.Pid, $"ready in {elapsed.TotalMilliseconds:0} ms", elapsed: elapsed);
                WatchLiveness(handle, liveness);
            }
        }
        catch (ReadinessException e)
        {
            // Not ready in time (or it exited first): a failure of this run, handled like an exit by the exit watch.
            LastError = e.Message;
            notReady = true;
            Emit(UnitEventKind.Failed, handle.Pid, e.Message, elapsed: options.Time.GetElapsedTime(began));
            if (!handle.HasExited)
            {
                await handle.StopAsync().ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(e);
            throw;
        }
    }
}
