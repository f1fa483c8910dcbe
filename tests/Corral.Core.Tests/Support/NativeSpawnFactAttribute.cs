using Corral.Containment;

namespace Corral.Tests.Support;

/// <summary>
/// A fact about the native spawner, skipped with the reason where it cannot run: no writable cgroup v2, or no C
/// compiler (then corral is built without the spawner and launches through the shell).
/// </summary>
public sealed class NativeSpawnFactAttribute : FactAttribute
{
    public NativeSpawnFactAttribute()
    {
        if (CgroupContainmentProvider.TryCreate(out var reason) is { } provider)
        {
            provider.Cleanup();
        }
        else
        {
            Skip = "cgroup v2 is not usable here: " + reason;
        }

        if (!File.Exists("/usr/bin/gcc") && !File.Exists("/usr/bin/cc"))
        {
            Skip = "no C compiler here: corral was built without its native spawner";
        }
    }
}
