namespace Corral.Execution;

/// <summary>A unit made of replicas that the engine can scale (a Swarm service).</summary>
public interface IScalableUnit
{
    Task ScaleAsync(int replicas, CancellationToken cancel);
}
