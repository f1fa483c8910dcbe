namespace Corral.Server.Execution;

/// <summary>A running bot made of replicas that the engine can scale (a Swarm service).</summary>
public interface IScalableBot
{
    Task ScaleAsync(int replicas, CancellationToken cancel);
}
