using Corral.Processes;
using Corral.Readiness;

namespace Corral.Execution;

/// <summary>One started replica of a fleet process, whatever runs it: a contained local process or a container.</summary>
public interface IFleetUnit : IProbeTarget
{
    /// <summary>Graceful signal, grace (cut short by <paramref name="hurry"/>), force, and proof nothing is left.</summary>
    Task<StopReport> StopAsync(CancellationToken hurry = default);
}
