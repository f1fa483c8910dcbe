using Corral.Containment;
using Corral.Execution;

namespace Corral.Supervision;

/// <summary>
/// A run under a <c>pids</c> limit is watched while it runs: forks refused at the limit do not end it, so without this
/// nobody would hear of them before its exit. One <see cref="UnitEventKind.Limited"/> event when the first fork is
/// refused, then at most one a minute while more are (a fork bomb is refused thousands of times a second); the last
/// one is the unit's <see cref="LastError"/>. Polled once a second: cheap, and the same for local units and containers.
/// The counter's file is looked up once, after the first second (the process is in its cgroup by then); a run without
/// one is not watched.
/// </summary>
public sealed partial class UnitLifecycle
{
    private static readonly TimeSpan LimitPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LimitReportEvery = TimeSpan.FromMinutes(1);

    private void WatchLimits(IUnitHandle handle, UnitRequest? unit)
    {
        if (unit?.Launch.Limits?.Pids is { } max && handle.Pid > 0)
        {
            _ = WatchPidsAsync(handle, max);
        }
    }

    private async Task WatchPidsAsync(IUnitHandle handle, int max)
    {
        try
        {
            using var timer = new PeriodicTimer(LimitPoll, options.Time);
            if (!await timer.WaitForNextTickAsync(lifetime.Token).ConfigureAwait(false) || PidsEvents.FileOf(handle.Pid) is not { } file)
            {
                return;
            }

            long reported = 0;
            long? reportedAt = null;
            while (Current == handle && !handle.HasExited)
            {
                var refused = PidsEvents.Refused(file);
                if (refused > reported && (reportedAt is null || options.Time.GetElapsedTime(reportedAt.Value) >= LimitReportEvery))
                {
                    reported = refused;
                    reportedAt = options.Time.GetTimestamp();
                    LastError = $"pids limit ({max}) reached: {refused} fork(s) refused";
                    Emit(UnitEventKind.Limited, handle.Pid, LastError);
                }

                await timer.WaitForNextTickAsync(lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The lifecycle ended.
        }
    }
}
