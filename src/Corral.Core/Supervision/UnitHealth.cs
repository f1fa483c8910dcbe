namespace Corral.Supervision;

/// <summary>What the liveness probe says of a unit (<c>unknown</c> without a probe, or before its first answer).</summary>
public static class UnitHealth
{
    public const string Unknown = "unknown";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
}
