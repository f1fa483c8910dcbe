namespace Corral.Readiness;

/// <summary>One attempt's verdict: probes report, the waiter decides.</summary>
public readonly record struct ProbeResult(bool Ready, string? Error)
{
    public static ProbeResult Success { get; } = new(true, null);

    public static ProbeResult Failure(string error) => new(false, error);
}
