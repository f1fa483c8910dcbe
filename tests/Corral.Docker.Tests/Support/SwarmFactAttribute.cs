namespace Corral.Docker.Tests.Support;

/// <summary>A fact that needs a swarm manager; reported as skipped, with the reason, anywhere else.</summary>
public sealed class SwarmFactAttribute : FactAttribute
{
    public SwarmFactAttribute()
    {
        if (DockerEngine.WhyUnavailable is { } reason)
        {
            Skip = reason;
        }
        else if (DockerEngine.WhyNoSwarm is { } noSwarm)
        {
            Skip = noSwarm;
        }
    }
}
