using Corral.Processes;

namespace Corral.Tests.Processes;

/// <summary>The marks that say when each part of a log was written: to about a second, bounded, reset by a rotation.</summary>
public sealed class LogTimelineSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void What_was_written_after_a_time_starts_at_the_length_the_file_had_before_it()
    {
        var timeline = new LogTimeline();
        timeline.Mark(0, T0);
        timeline.Mark(100, T0.AddSeconds(10));
        timeline.Mark(250, T0.AddSeconds(20));

        Assert.Equal(0, timeline.OffsetSince(T0.AddSeconds(5)));
        Assert.Equal(100, timeline.OffsetSince(T0.AddSeconds(15)));
        Assert.Equal(250, timeline.OffsetSince(T0.AddSeconds(25)));
    }

    [Fact]
    public void Lines_older_than_the_first_mark_have_no_known_time_and_are_kept()
    {
        var timeline = new LogTimeline();
        timeline.Mark(500, T0);

        Assert.Equal(0, timeline.OffsetSince(T0.AddMinutes(-5)));
        Assert.Equal(500, timeline.OffsetSince(T0.AddSeconds(1)));
    }

    [Fact]
    public void A_file_growing_every_100_ms_keeps_marks_about_a_second_apart()
    {
        var timeline = new LogTimeline();
        for (var i = 0; i <= 100; i++)
        {
            timeline.Mark(i * 10, T0.AddMilliseconds(i * 100));
        }

        // Ten seconds of growth: whatever time is asked, the answer is at most about a second early.
        for (var second = 1; second <= 9; second++)
        {
            var offset = timeline.OffsetSince(T0.AddSeconds(second));
            Assert.InRange(offset, (second - 1) * 100, second * 100);
        }
    }

    [Fact]
    public void A_rotation_starts_the_file_over_and_everything_in_it_is_newer_than_the_old_marks()
    {
        var timeline = new LogTimeline();
        timeline.Mark(0, T0);
        timeline.Mark(1000, T0.AddSeconds(10));
        timeline.Restart(T0.AddSeconds(30));
        timeline.Mark(40, T0.AddSeconds(31));

        Assert.Equal(0, timeline.OffsetSince(T0.AddSeconds(11)));
        Assert.Equal(40, timeline.OffsetSince(T0.AddSeconds(32)));
    }

    [Fact]
    public void A_day_of_growth_every_second_stays_bounded_and_old_history_gets_coarser_with_its_age()
    {
        var timeline = new LogTimeline();
        const int day = 86_400;
        for (var i = 0; i <= day; i++)
        {
            timeline.Mark(i * 10L, T0.AddSeconds(i));
        }

        Assert.InRange(timeline.Count, 100, 4096);

        // Asked for what came after an age back, the answer starts early (never late) by at most ~1/256 of that age.
        foreach (var age in new[] { 10, 300, 3600, 6 * 3600, day - 1 })
        {
            var exact = (day - age) * 10L;
            var offset = timeline.OffsetSince(T0.AddSeconds(day - age));
            Assert.InRange(offset, exact - 10 - (age / 100 * 10), exact);
        }
    }
}
