namespace Corral.Server.Tests.Support;

/// <summary>A theory about cgroup folders, reported as skipped with the reason where cgroup v2 is not writable here.</summary>
public sealed class CgroupTheoryAttribute : TheoryAttribute
{
    public CgroupTheoryAttribute() => Skip = CgroupSkip.Reason();
}
