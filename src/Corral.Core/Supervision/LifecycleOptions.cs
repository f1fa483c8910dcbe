namespace Corral.Supervision;

/// <summary>How one unit is supervised: its restart policy, clock and where its events go.</summary>
public sealed record LifecycleOptions
{
    public RestartSpec Restart { get; init; } = RestartSpec.Never;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>For the backoff's jitter; a seeded one makes tests repeatable.</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>Runs before every start, not before an adoption: checks ports are free, writes files the unit reads.</summary>
    public Action? BeforeStart { get; init; }

    /// <summary>Called for every state change, in order for one unit, on any thread; must not block.</summary>
    public Action<UnitEvent>? OnEvent { get; init; }
}
