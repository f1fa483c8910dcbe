using Corral.Server.Tests.Support;

namespace Corral.Tests.Support;

/// <summary>
/// A fact about the native spawner, skipped with the reason where it cannot run: no writable cgroup v2, or no C
/// compiler (then corral is built without the spawner and launches through the shell).
/// </summary>
public sealed class NativeSpawnFactAttribute : FactAttribute
{
    public NativeSpawnFactAttribute() =>
        Skip = File.Exists("/usr/bin/gcc") || File.Exists("/usr/bin/cc")
            ? CgroupSkip.Reason()
            : "no C compiler here: corral was built without its native spawner";
}
