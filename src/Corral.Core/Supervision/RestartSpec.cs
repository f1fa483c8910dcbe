namespace Corral.Supervision;

/// <summary>
/// When and how fast to restart: exponential backoff from <see cref="Backoff"/> to <see cref="MaxBackoff"/> with
/// jitter; after <see cref="Max"/> restarts the process is <c>failed</c>; a run longer than <see cref="ResetAfter"/>
/// forgets earlier failures.
/// </summary>
public sealed record RestartSpec(RestartPolicyKind Policy)
{
    public static RestartSpec Never { get; } = new(RestartPolicyKind.No);

    public int Max { get; init; } = 5;

    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether an exit with <paramref name="exitCode"/> (-1: unknown) after <paramref name="restarts"/> restarts is restarted.</summary>
    public bool ShouldRestart(int exitCode, int restarts) => restarts < Max && Policy switch
    {
        RestartPolicyKind.Always => true,
        RestartPolicyKind.OnFailure => exitCode != 0,
        _ => false,
    };

    /// <summary>The wait before restart number <paramref name="attempt"/> (0-based): doubling, capped, ±20 % jitter.</summary>
    public TimeSpan DelayBefore(int attempt, Random random)
    {
        var exponential = Backoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        var jitter = 1 + ((random.NextDouble() * 0.4) - 0.2);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
