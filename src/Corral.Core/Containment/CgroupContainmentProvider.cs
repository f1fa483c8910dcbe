using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// Puts every unit in a cgroup of its own under <c>&lt;own cgroup&gt;/corral/&lt;owner&gt;/&lt;unit&gt;</c>; the owner folder
/// is named by <c>pid-starttime</c>, so a later sweep knows whose cgroups outlived their corral.
/// </summary>
public sealed class CgroupContainmentProvider : ContainmentProvider
{
    /// <summary>The folder name under which every corral instance keeps its units.</summary>
    public const string RootName = "corral";

    private readonly CgroupLimits limits;

    private CgroupContainmentProvider(string ownCgroup, string ownerDirectory)
    {
        OwnCgroup = ownCgroup;
        OwnerDirectory = ownerDirectory;
        limits = new CgroupLimits(ownCgroup, ownerDirectory);
    }

    /// <summary>The cgroup corral was started in, where its <c>corral</c> folder lives.</summary>
    public string OwnCgroup { get; }

    public override ContainmentKind Kind => ContainmentKind.Cgroup;

    public override string Description => $"cgroup v2, one cgroup per process under {OwnerDirectory}";

    public string OwnerDirectory { get; }

    public static CgroupContainmentProvider? TryCreate(out string reason)
    {
        var mount = CgroupFs.FindMount();
        if (mount is null)
        {
            reason = "no cgroup2 file system is mounted";
            return null;
        }

        var own = CgroupFs.OwnPath();
        if (own is null)
        {
            reason = "this process has no cgroup v2 path in /proc/self/cgroup";
            return null;
        }

        var root = Path.Combine(mount, own.TrimStart('/'), RootName);
        var owner = Path.Combine(root, ProcessTable.Self.ToString());
        if (!File.Exists(Path.Combine(mount, "cgroup.procs")))
        {
            reason = $"{mount} is not a cgroup2 hierarchy";
            return null;
        }

        try
        {
            Directory.CreateDirectory(owner);
            var probe = Path.Combine(owner, "probe");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot create a child cgroup under {root}: {e.Message}";
            return null;
        }

        reason = "";
        return new CgroupContainmentProvider(Path.Combine(mount, own.TrimStart('/')), owner);
    }

    public override void Cleanup()
    {
        try
        {
            Directory.Delete(OwnerDirectory);
        }
        catch (IOException)
        {
            // Still holds units of another fleet in this process: the last one out removes it.
        }
    }

    public override string LocationOf(string unitId) => Path.Combine(OwnerDirectory, unitId);

    public override ContainmentUnit CreateUnit(string unitId)
    {
        var path = LocationOf(unitId);
        Directory.CreateDirectory(path);
        return new CgroupUnit(unitId, path);
    }

    public override ContainmentUnit CreateUnit(string unitId, UnitLimits? limits)
    {
        if (limits is null || limits.IsEmpty)
        {
            return CreateUnit(unitId);
        }

        if (CannotLimit(limits) is { } reason)
        {
            throw new Exceptions.LimitsUnenforceableException(reason);
        }

        var unit = CreateUnit(unitId);
        if (CgroupLimits.Apply(unit.Location, limits) is { } failed)
        {
            CgroupFs.Remove(unit.Location);
            throw new Exceptions.LaunchException(failed);
        }

        return unit;
    }

    public override string? CannotLimit(UnitLimits limits) => limits.IsEmpty ? null : this.limits.Enable(limits);

    /// <summary>Which limits this machine's cgroup could enforce (null reason), and why not the others.</summary>
    public IReadOnlyList<(string Limit, string? Reason)> LimitSurvey() => CgroupLimits.Survey(OwnCgroup);
}
