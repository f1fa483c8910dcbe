using Corral.Execution;
using Corral.Processes;

namespace Corral.Supervision;

/// <summary>Noticing an exit, the restart policy and its backoff, and the catch that ends every background task.</summary>
public sealed partial class UnitLifecycle
{
    private async Task WatchExitAsync(IUnitHandle handle)
    {
        try
        {
            var code = await handle.Exited.ConfigureAwait(false);
            await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (Current != handle || lifetime.IsCancellationRequested)
                {
                    return;
                }

                // Read before the stop removes the unit: an OOM kill is the exit's reason.
                if (handle.LimitHit is { } limit)
                {
                    LastError = limit;
                }

                // The main process ended by itself: whatever it left in its unit goes with it.
                var report = await handle.StopAsync().ConfigureAwait(false);
                if (!report.ProvenEmpty)
                {
                    LastError = $"after its exit the unit could not be proven empty; still alive: {string.Join(", ", report.Survivors)}";
                }

                OnExited(code == ManagedProcess.UnknownExitCode ? null : code, report.Killed.Select(k => k.Pid).ToList());
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(e);
        }
    }

    /// <summary>Records an unrequested exit and applies the restart policy; the caller holds the gate.</summary>
    private void OnExited(int? exitCode, IReadOnlyList<int> killed)
    {
        var restart = options.Restart;
        var now = options.Time.GetUtcNow();
        ExitCode = exitCode;
        if (StartedAt is { } started && now - started >= restart.ResetAfter)
        {
            ConsecutiveFailures = 0;
        }

        // A run that never became ready, or that was ended for failing its liveness probe, failed whatever its code.
        var failed = notReady || endedForLiveness;
        var failureCode = failed && exitCode is 0 or null ? ManagedProcess.UnknownExitCode : exitCode ?? ManagedProcess.UnknownExitCode;
        var restartForLiveness = endedForLiveness && restart.Policy == RestartPolicyKind.No;
        if (restart.ShouldRestart(failureCode, ConsecutiveFailures) || restartForLiveness)
        {
            var delay = restart.DelayBefore(ConsecutiveFailures, options.Random);
            status = UnitStatus.Backoff;

            // The backoff's timer is armed before anyone hears of the exit: a listener that moves the clock on at
            // once (a test's fake clock) must find it armed, or the restart would wait for a time that has passed.
            _ = RestartAfterAsync(delay);
            Emit(UnitEventKind.Exited, Current?.Pid, LastError, killed: killed);
            Emit(UnitEventKind.Backoff, null, $"restarting in {delay.TotalMilliseconds:0} ms");
            return;
        }

        var exhausted = restart.Policy != RestartPolicyKind.No && ConsecutiveFailures >= restart.Max && exitCode != 0;
        status = exhausted || failed ? UnitStatus.Failed : UnitStatus.Exited;
        Emit(UnitEventKind.Exited, Current?.Pid, LastError, killed: killed);
        if (exhausted)
        {
            Emit(UnitEventKind.Failed, null, $"gave up after {restart.Max} restarts");
        }
    }

    private async Task RestartAfterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, options.Time, lifetime.Token).ConfigureAwait(false);
            await gate.WaitAsync(lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (lifetime.IsCancellationRequested || status != UnitStatus.Backoff)
            {
                return;
            }

            ConsecutiveFailures++;
            Restarts++;
            await StartCoreAsync(CancellationToken.None).ConfigureAwait(false);
            Emit(UnitEventKind.Restarted, Current?.Pid, $"restart {Restarts}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The restart itself failed (a port now taken, a command gone, the engine refused): fail, do not loop.
            Fail(e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The end of every background task: an unexpected error is said and the unit is failed, never left running or in backoff.</summary>
    private void Fail(Exception error)
    {
        LastError = error.Message;
        status = UnitStatus.Failed;
        Emit(UnitEventKind.Failed, Current?.Pid, error.Message);
    }

    private void Emit(UnitEventKind kind, int? pid, string? detail = null, StopReport? report = null, TimeSpan? elapsed = null, IReadOnlyList<int>? killed = null, UnitRecord? planned = null) =>
        options.OnEvent?.Invoke(new UnitEvent(kind, Name, options.Time.GetUtcNow())
        {
            Pid = pid,
            Status = status,
            ExitCode = kind is UnitEventKind.Exited or UnitEventKind.Stopped or UnitEventKind.Failed or UnitEventKind.Backoff ? ExitCode : null,
            Detail = detail,
            Elapsed = elapsed ?? report?.Duration,
            Killed = killed ?? report?.Killed.Select(k => k.Pid).ToList(),
            Report = report,
            Planned = planned,
        });
}
