namespace Corral.Processes;

/// <summary>
/// When the parts of one log file were written, to about a second: marks that say "by this time the file was this
/// long", taken by whoever follows or writes it as it grows. A log file keeps no time of its own (its process
/// writes raw lines), so this is what <c>logs --since</c> reads. Bounded per file: older history gets coarser.
/// </summary>
public sealed class LogTimeline
{
    private const int MaxMarks = 4096;
    private const int AgeShare = 256;
    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);
    private readonly List<(long Length, DateTimeOffset At)> marks = [];
    private readonly Lock gate = new();

    /// <summary>By <paramref name="at"/> the file was <paramref name="length"/> bytes long.</summary>
    public void Mark(long length, DateTimeOffset at)
    {
        lock (gate)
        {
            if (marks.Count > 0 && length <= marks[^1].Length)
            {
                return;
            }

            // The newest mark moves along until it is a second after the one before it: marks lie about a second
            // apart however often the file grows.
            if (marks.Count >= 2 && at - marks[^2].At < Resolution)
            {
                marks[^1] = (length, at);
                return;
            }

            marks.Add((length, at));
            if (marks.Count > MaxMarks)
            {
                Thin(at);
            }
        }
    }

    /// <summary>How many marks it holds (bounded by <see cref="MaxMarks"/>).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return marks.Count;
            }
        }
    }

    // Older history gets coarser in proportion to its age (a mark an hour back within ~15 s, a day back within ~6 min):
    // a mark stays only when it lies far enough after the last one kept. About AgeShare * ln(age range) marks remain.
    private void Thin(DateTimeOffset now)
    {
        var kept = new List<(long Length, DateTimeOffset At)>(marks.Count) { marks[0] };
        for (var i = 1; i < marks.Count - 1; i++)
        {
            if (marks[i].At - kept[^1].At >= (now - marks[i].At) / AgeShare)
            {
                kept.Add(marks[i]);
            }
        }

        kept.Add(marks[^1]);
        marks.Clear();
        marks.AddRange(kept);
    }

    /// <summary>The file was truncated by a rotation: all it holds from now on was written after the last mark.</summary>
    public void Restart(DateTimeOffset at)
    {
        lock (gate)
        {
            var since = marks.Count > 0 ? marks[^1].At : at;
            marks.Clear();
            marks.Add((0, since));
        }
    }

    /// <summary>
    /// Where the part of the file written at or after <paramref name="since"/> begins: the length at the last mark
    /// before it. 0 when no mark is that old: what came before the first mark has no known time, so it is kept.
    /// </summary>
    public long OffsetSince(DateTimeOffset since)
    {
        lock (gate)
        {
            for (var i = marks.Count - 1; i >= 0; i--)
            {
                if (marks[i].At < since)
                {
                    return marks[i].Length;
                }
            }

            return 0;
        }
    }
}
