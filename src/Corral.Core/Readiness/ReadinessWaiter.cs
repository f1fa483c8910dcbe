using System.Diagnostics;
using Corral.Exceptions;
using Corral.Processes;
using Corral.Timing;

namespace Corral.Readiness;

/// <summary>
/// Polls a probe until it reports ready: first after 1 ms, doubling up to the interval, so a fast server is seen
/// within a few milliseconds and a slow one is not hammered. A process that exits first fails the wait at once.
/// </summary>
public static class ReadinessWaiter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(1);

    public static IReadinessProbe Create(ProbeSpec spec, IProbeTarget process, ProcessLauncher launcher) => spec.Kind switch
    {
        ProbeKind.Http => new HttpProbe(new Uri(spec.Target), spec.ExpectBody),
        ProbeKind.Tcp => TcpProbe.Parse(spec.Target),
        ProbeKind.Log => new LogProbe(process.Output, spec.Target),
        ProbeKind.Exec => new ExecProbe(launcher, process.DisplayName, spec.Target, process.WorkingDirectory),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>Returns how long the process took to become ready; throws <see cref="ReadinessException"/> when it did not.</summary>
    public static async Task<TimeSpan> WaitAsync(IProbeTarget process, ProbeSpec spec, ProcessLauncher launcher, CancellationToken cancel)
    {
        using var probe = Create(spec, process, launcher);
        var clock = Stopwatch.StartNew();
        var deadline = Deadline.In(spec.Timeout);
        var backoff = new Backoff(FirstDelay, spec.Interval);
        var lastError = "no attempt finished yet";
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw Failure(process, spec, $"the process exited with code {await process.Exited.ConfigureAwait(false)} before it was ready", lastError);
            }

            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                attempt.CancelAfter(Min(spec.AttemptTimeout, deadline.Remaining));
                try
                {
                    var result = await probe.ProbeAsync(attempt.Token).ConfigureAwait(false);
                    if (result.Ready)
                    {
                        return clock.Elapsed;
                    }

                    lastError = result.Error ?? "not ready";
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    // An attempt cut short by the overall deadline says nothing new; keep the last real answer.
                    if (!deadline.HasPassed)
                    {
                        lastError = $"the attempt did not answer within {spec.AttemptTimeout.TotalMilliseconds:0} ms";
                    }
                }
            }

            if (deadline.HasPassed)
            {
                throw Failure(process, spec, $"not ready after {spec.Timeout.TotalSeconds:0.###} s", lastError);
            }

            // Wake on whichever comes first: the next attempt, or the process dying.
            var delay = Task.Delay(Min(backoff.Next(), deadline.Remaining), cancel);
            await Task.WhenAny(delay, process.Exited).ConfigureAwait(false);
            cancel.ThrowIfCancellationRequested();
        }
    }

    private static ReadinessException Failure(IProbeTarget process, ProbeSpec spec, string reason, string lastError)
    {
        int? exitCode = process.HasExited ? process.Exited.Result : null;
        var lines = process.Output.Tail(20).Select(l => l.Text).ToList();
        return new ReadinessException(process.DisplayName, process.Pid, spec.ToString(), reason, lastError, exitCode, lines);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
