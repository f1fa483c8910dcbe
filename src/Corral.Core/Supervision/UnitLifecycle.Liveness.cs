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
    private CancellationTokenSource? livenessRun;

    /// <summary><c>healthy</c>, <c>unhealthy</c>, or <c>unknown</c> (no liveness probe, or no answer yet in this run).</summary>
    public string Health => health;

    /// <summary>
    /// A configuration reload's policies, in place: the restart block from now on, and the liveness probe of the
    /// running run (probing starts over with the new spec); the run itself goes on.
    /// </summary>
    public void ChangePolicy(RestartSpec restart, LivenessSpec? liveness)
    {
        options = options with { Restart = restart };
        if (Current is { } handle && status == UnitStatus.Running && !handle.HasExited)
        {
            if (liveness is null)
            {
                EndLivenessRun(null);
                health = UnitHealth.Unknown;
            }
            else
            {
                WatchLiveness(handle, liveness);
            }
        }
    }

    private void WatchLiveness(IUnitHandle handle, LivenessSpec? liveness)
    {
        if (liveness is not null)
        {
            var run = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
            EndLivenessRun(run);
            _ = ProbeLivenessAsync(handle, liveness, run.Token);
        }
    }

    // Cancelled, then disposed: a linked source left alone stays registered on the lifetime's token for good.
    private void EndLivenessRun(CancellationTokenSource? next)
    {
        if (Interlocked.Exchange(ref livenessRun, next) is { } previous)
        {
            previous.Cancel();
            previous.Dispose();
        }
    }

    private async Task ProbeLivenessAsync(IUnitHandle handle, LivenessSpec liveness, CancellationToken cancel)
    {
        try
        {
            using var probe = ReadinessWaiter.Create(liveness.Probe, handle, strategy.ProbeLauncher);
            var failures = 0;
            while (true)
            {
                await Task.WhenAny(Task.Delay(liveness.Probe.Interval, options.Time, cancel), handle.Exited).ConfigureAwait(false);
                if (cancel.IsCancellationRequested || !IsCurrentRun(handle))
                {
                    return;
                }

                var error = await AttemptAsync(probe, liveness.Probe.AttemptTimeout).ConfigureAwait(false);
                if (cancel.IsCancellationRequested || !IsCurrentRun(handle))
                {
                    return;
                }

                if (error is null)
                {
                    failures = 0;
                    var recovered = health == UnitHealth.Unhealthy;
                    health = UnitHealth.Healthy;
                    if (recovered)
                    {
                        Emit(UnitEventKind.Healthy, handle.Pid, "the liveness probe passes again");
                    }

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
