using Corral.Containment;

namespace Corral.Server.Tests.Support;

/// <summary>A fact about cgroup folders, reported as skipped with the reason where cgroup v2 is not writable here.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute()
    {
        if (CgroupContainmentProvider.TryCreate(out var reason) is { } provider)
        {
            provider.Cleanup();
        }
        else
        {
            Skip = "cgroup v2 is not usable here: " + reason;
        }
    }
}
