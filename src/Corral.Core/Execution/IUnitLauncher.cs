using Corral.Fleet;
using Corral.Processes;

namespace Corral.Execution;

/// <summary>Starts fleet replicas for one strategy (<c>local</c>, <c>docker</c>); a fleet picks one per process.</summary>
public interface IUnitLauncher
{
    Task<IFleetUnit> StartAsync(ProcessSpec process, LaunchSpec launch, CancellationToken cancel);
}
