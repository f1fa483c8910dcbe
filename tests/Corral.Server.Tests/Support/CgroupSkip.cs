using Corral.Containment;

namespace Corral.Server.Tests.Support;

/// <summary>Why a cgroup test cannot run on this machine, or null when cgroup v2 is writable here.</summary>
public static class CgroupSkip
{
    public static string? Reason()
    {
        if (CgroupContainmentProvider.TryCreate(out var reason) is { } provider)
        {
            provider.Cleanup();
            return null;
        }

        return "cgroup v2 is not usable here: " + reason;
    }
}
