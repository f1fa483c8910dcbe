using Corral.Supervision;

namespace Corral.Tests.Supervision;

public sealed class RestartSpecSpecs
{
    private static readonly RestartSpec OnFailure = new(RestartPolicyKind.OnFailure)
    {
        Max = 3,
        Backoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(5),
    };

    [Theory]
    [InlineData(RestartPolicyKind.No, 1, 0, false)]
    [InlineData(RestartPolicyKind.OnFailure, 0, 0, false)]
    [InlineData(RestartPolicyKind.OnFailure, 3, 0, true)]
    [InlineData(RestartPolicyKind.OnFailure, -1, 0, true)]
    [InlineData(RestartPolicyKind.OnFailure, 3, 3, false)]
    [InlineData(RestartPolicyKind.Always, 0, 2, true)]
    public void The_policy_decides_from_the_exit_code_and_the_restarts_so_far(RestartPolicyKind policy, int exitCode, int restarts, bool expected)
    {
        Assert.Equal(expected, (OnFailure with { Policy = policy }).ShouldRestart(exitCode, restarts));
    }

    [Fact]
    public void Backoff_doubles_up_to_the_cap_with_at_most_twenty_percent_jitter()
    {
        var random = new Random(42);
        var expected = new[] { 1.0, 2.0, 4.0, 5.0, 5.0, 5.0 };

        for (var attempt = 0; attempt < expected.Length; attempt++)
        {
            var delay = OnFailure.DelayBefore(attempt, random).TotalSeconds;
            Assert.InRange(delay, expected[attempt] * 0.8, expected[attempt] * 1.2);
        }
    }

    [Fact]
    public void Jitter_spreads_restarts_that_would_otherwise_happen_together()
    {
        var random = new Random(7);

        var delays = Enumerable.Range(0, 20).Select(_ => OnFailure.DelayBefore(0, random)).Distinct().Count();

        Assert.True(delays > 10);
    }
}
