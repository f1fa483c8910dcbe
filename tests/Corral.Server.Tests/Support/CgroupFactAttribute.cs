namespace Corral.Server.Tests.Support;

/// <summary>A fact about cgroup folders, reported as skipped with the reason where cgroup v2 is not writable here.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute() => Skip = CgroupSkip.Reason();
}
