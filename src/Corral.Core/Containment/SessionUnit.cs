using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// A unit found by three nets at once: the main process's tree, its session, and the <c>CORRAL_UNIT</c> tag.
/// Kills freeze first and repeat until a fresh scan finds nothing.
/// </summary>
public sealed class SessionUnit(string id) : UnixContainmentUnit(id)
{
    private int session;

    public override ContainmentKind Kind => ContainmentKind.Session;

    public override string Location => session == 0 ? "session (not started)" : $"session {session}";

    public override void Attach(System.Diagnostics.Process process) => session = process.Id;

    /// <summary>Re-attaches to a unit whose main process (and session leader) is <paramref name="pid"/>.</summary>
    public void AttachTo(int pid) => session = pid;

    public override IReadOnlyList<ProcessInfo> Members(ProcessId main) => Select(ProcessTable.Snapshot(), main);

    protected override async Task<bool> WaitEmptyAsync(ProcessId main, IReadOnlyList<ProcessInfo> signalled, TimeSpan grace, CancellationToken hurry)
    {
        if (!await TreeKiller.WaitGoneAsync(signalled, grace, hurry).ConfigureAwait(false))
        {
            return false;
        }

        return Members(main).Count == 0;
    }

    protected override Task<IReadOnlyList<StoppedMember>> KillAllAsync(ProcessId main, IReadOnlyList<StoppedMember> described, TimeSpan timeout) =>
        TreeKiller.KillAsync(snapshot => Select(snapshot, main), timeout, $"unit {Id}");

    private List<ProcessInfo> Select(IReadOnlyList<ProcessInfo> snapshot, ProcessId main)
    {
        var roots = snapshot.Where(p =>
            p.Id == main
            || (main.Pid > 0 && p.Session == main.Pid && p.Id.StartTime >= main.StartTime)
            || (p.ParentPid != 0 && IsTagged(p)));
        return ProcessTable.Descendants(snapshot, roots.Select(r => r.Pid)).Where(p => !p.IsDead).ToList();
    }

    private bool IsTagged(ProcessInfo process) =>
        ProcessTable.CorralTagsOf(process).TryGetValue(CorralEnvironment.Unit, out var unit) && unit == Id;
}
