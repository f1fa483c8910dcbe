using Corral.Fleet;
using Corral.Processes;

namespace Corral.Execution;

/// <summary><c>strategy: local</c>: a contained process per replica.</summary>
public sealed class LocalUnitLauncher(ProcessLauncher launcher) : IUnitLauncher
{
    public Task<IFleetUnit> StartAsync(ProcessSpec process, LaunchSpec launch, CancellationToken cancel) =>
        Task.FromResult<IFleetUnit>(launcher.Start(launch));
}
