using Corral.Execution;
using Corral.Readiness;

namespace Corral.Supervision;

/// <summary>
/// The liveness probe of a ready run: one attempt per interval; <c>failure_threshold</c> failures in a row make the
/// unit unhealthy (one event) and act by <c>on_failure</c>; one success makes it healthy again. The loop belongs to
/// one run and ends with it.
/// </summary>
public sealed partial class UnitLifecycle
{
    private volatile string health = UnitHealth.Unknown;
    private volatile bool endedForLiveness;

    /// <summary><c>healthy</c>, <c>unhealthy</c>, or <c>unknown</c> (no liveness probe, or no answer yet in this run).</summary>
    public string Health => health;

    private void WatchLiveness(IUnitHandle handle, LivenessSpec? liveness)
    {
        if (liveness is not null)
        {
            _ = ProbeLivenessAsync(handle, liveness);
        }
    }

    private async Task ProbeLivenessAsync(IUnitHandle handle, LivenessSpec liveness)
    {
        try
        {
            using var probe = ReadinessWaiter.Create(liveness.Probe, handle, strategy.ProbeLauncher);
            var failures = 0;
            while (true)
            {
                await Task.WhenAny(Task.Delay(liveness.Probe.Interval, options.Time, lifetime.Token), handle.Exited).ConfigureAwait(false);
                if (!IsCurrentRun(handle))
                {
                    return;
                }

                var error = await AttemptAsync(probe, liveness.Probe.AttemptTimeout).ConfigureAwait(false);
                if (!IsCurrentRun(handle))
                {
                    return;
                }

                if (error is null)
                {
                    failures = 0;
                    if (health == UnitHealth.Unhealthy)
                    {
                        health = UnitHealth.Healthy;
                        Emit(UnitEventKind.Healthy, handle.Pid, "the liveness probe passes again");
                    }

                    health = UnitHealth.Healthy;
                    continue;
                }

                if (++failures < liveness.FailureThreshold || health == UnitHealth.Unhealthy)
                {
                    continue;
                }

                health = UnitHealth.Unhealthy;
                var reason = $"liveness failed {failures} times in a row ({liveness.Probe}): {error}";
                Emit(UnitEventKind.Unhealthy, handle.Pid, reason);
                if (liveness.OnFailure == LivenessAction.Report)
                {
                    continue;
                }

                LastError = reason;
                if (liveness.OnFailure == LivenessAction.Stop)
                {
                    await StopAsync().ConfigureAwait(false);
                    return;
                }

                // The exit watch sees the run end and applies the restart block, as for a crash.
                endedForLiveness = true;
                await handle.StopAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The unit was stopped or let go of: the probing ends with it.
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private bool IsCurrentRun(IUnitHandle handle) =>
        !lifetime.IsCancellationRequested && Current == handle && !handle.HasExited && status == UnitStatus.Running;

    // Null when the attempt passed, else why it did not.
    private static async Task<string?> AttemptAsync(IReadinessProbe probe, TimeSpan timeout)
    {
        using var attempt = new CancellationTokenSource(timeout);
        try
        {
            var result = await probe.ProbeAsync(attempt.Token).ConfigureAwait(false);
            return result.Ready ? null : result.Error ?? "not alive";
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalMilliseconds:0} ms";
        }
    }
}
