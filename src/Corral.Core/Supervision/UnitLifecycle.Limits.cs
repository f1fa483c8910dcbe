using Corral.Containment;
using Corral.Execution;

namespace Corral.Supervision;

/// <summary>
/// A run under a <c>pids</c> limit is watched while it runs: forks refused at the limit do not end it, so without this
/// nobody would hear of them before its exit. One <see cref="UnitEventKind.Limited"/> event when the first fork is
/// refused, then at most one a minute while more are (a fork bomb is refused thousands of times a second); the last
/// one is the unit's <see cref="LastError"/>. Polled once a second: cheap, and the same for local units and containers.
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
            string? file = null;
            long reported = 0;
            long? reportedAt = null;
            while (await timer.WaitForNextTickAsync(lifetime.Token).ConfigureAwait(false) && Current == handle && !handle.HasExited)
            {
                file ??= PidsEvents.FileOf(handle.Pid);
                var refused = file is null ? 0 : PidsEvents.Refused(file);
                if (refused > reported && (reportedAt is null || options.Time.GetElapsedTime(reportedAt.Value) >= LimitReportEvery))
                {
                    reported = refused;
                    reportedAt = options.Time.GetTimestamp();
                    LastError = $"pids limit ({max}) reached: {refused} fork(s) refused";
                    Emit(UnitEventKind.Limited, handle.Pid, LastError);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The lifecycle ended.
        }
    }
}
