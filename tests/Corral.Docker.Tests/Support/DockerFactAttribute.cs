namespace Corral.Docker.Tests.Support;

/// <summary>A fact that is reported as skipped, with the reason, where no Docker engine or test image is available.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerEngine.WhyUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
