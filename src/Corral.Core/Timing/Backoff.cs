namespace Corral.Timing;

/// <summary>Polls fast first and then backs off: quick detection for things that are quick, little load for slow ones.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max)
{
    private TimeSpan next = first;

    public TimeSpan Next()
    {
        var current = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, max.Ticks));
        return current;
    }
}
