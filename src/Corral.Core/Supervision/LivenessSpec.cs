using Corral.Readiness;

namespace Corral.Supervision;

/// <summary>
/// How to tell that a ready unit is still alive: <see cref="Probe"/> every <c>Probe.Interval</c>, each attempt within
/// <c>Probe.AttemptTimeout</c>; <see cref="FailureThreshold"/> failures in a row make it unhealthy, one success healthy.
/// </summary>
public sealed record LivenessSpec(ProbeSpec Probe)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(1);

    public int FailureThreshold { get; init; } = 3;

    public LivenessAction OnFailure { get; init; } = LivenessAction.Restart;
}
