using System.Diagnostics;

namespace Corral.Timing;

/// <summary>A point on the monotonic clock: immune to wall-clock jumps, so no wait can be stretched or skipped by one.</summary>
public readonly record struct Deadline(long Timestamp)
{
    public static Deadline In(TimeSpan span) =>
        new(Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency));

    public bool HasPassed => Stopwatch.GetTimestamp() >= Timestamp;

    public TimeSpan Remaining
    {
        get
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Timestamp);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
}
