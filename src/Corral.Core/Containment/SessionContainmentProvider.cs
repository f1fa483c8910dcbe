using Corral.Interop.Unix;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// The fallback where no cgroup can be had: each process leads its own session, this process becomes a child
/// subreaper so escaped descendants re-parent to it instead of init, and every member carries the unit tag.
/// </summary>
public sealed class SessionContainmentProvider : ContainmentProvider
{
    private static int subreaperSet;

    public SessionContainmentProvider(string whyNotCgroup)
    {
        WhyNotCgroup = whyNotCgroup;
        if (OperatingSystem.IsLinux() && Interlocked.Exchange(ref subreaperSet, 1) == 0)
        {
            _ = Native.Prctl(Native.PrSetChildSubreaper, 1, 0, 0, 0);
        }
    }

    public string WhyNotCgroup { get; }

    public override ContainmentKind Kind => ContainmentKind.Session;

    public override string Description =>
        $"process sessions + child subreaper + environment tag (no cgroup: {WhyNotCgroup})";

    public override ContainmentUnit CreateUnit(string unitId) => new SessionUnit(unitId);

    /// <summary>
    /// Orphans re-parented to this subreaper that lead a session other than ours came out of a unit (every unit
    /// starts in a session of its own, and a process can only ever leave for a new session); live unit mains excepted.
    /// </summary>
    public override Task<IReadOnlyList<StoppedMember>> KillStraysAsync()
    {
        var self = ProcessTable.Get(Environment.ProcessId);
        if (self is null)
        {
            return Task.FromResult<IReadOnlyList<StoppedMember>>([]);
        }

        return TreeKiller.KillAsync(
            snapshot => snapshot.Where(p => p.ParentPid == self.Pid && p.Session != self.Session && !ProcessLauncher.IsLiveMain(p.Id)),
            TimeSpan.FromSeconds(10),
            "processes that escaped their units");
    }
}
