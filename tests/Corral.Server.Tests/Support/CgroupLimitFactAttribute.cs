using Corral.Containment;

namespace Corral.Server.Tests.Support;

/// <summary>
/// A fact that needs cgroup v2 limits on local units (memory, cpu and pids controllers delegated to corral's cgroup),
/// skipped with this machine's reason where they are not (no writable cgroup v2, or the controllers bound to cgroup v1).
/// </summary>
public sealed class CgroupLimitFactAttribute : FactAttribute
{
    public CgroupLimitFactAttribute() =>
        Skip = CgroupSkip.Reason() ?? (CgroupContainmentProvider.TryCreate(out _) is { } cgroup
            ? cgroup.LimitSurvey().Where(l => l.Reason is not null).Select(l => $"{l.Limit}: {l.Reason}").FirstOrDefault()
            : "no cgroup containment here");
}
