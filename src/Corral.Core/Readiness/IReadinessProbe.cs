namespace Corral.Readiness;

public interface IReadinessProbe : IDisposable
{
    /// <summary>One attempt; it must honour <paramref name="cancel"/>, which fires at the attempt timeout.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancel);
}
