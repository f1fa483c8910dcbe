using Corral.Exceptions;
using Corral.Processes;
using Corral.Signals;

namespace Corral.Containment;

/// <summary>The stop policy shared by the Unix units: signal all, grace, kill the rest, sweep the tag, prove empty.</summary>
public abstract class UnixContainmentUnit(string id) : ContainmentUnit(id)
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    public override async Task<UnitStopReport> StopAsync(ProcessId main, Signal signal, TimeSpan grace, CancellationToken hurry)
    {
        var signalled = Members(main);
        var described = Describe(signalled);
        foreach (var member in signalled)
        {
            // A stopped member would only act on the signal once continued.
            ProcessSignaller.Send(member.Id, signal, member.State is 'T' or 't' ? Signal.Cont : null);
        }

        // A unit whose grace ran out goes straight to the kill: at the end of a stop-all's grace a hundred units wake
        // at once, and every read in between would push the last kill (and so the moment all are gone) further back.
        var emptied = signalled.Count > 0 && grace > TimeSpan.Zero && await WaitEmptyAsync(main, signalled, grace, hurry).ConfigureAwait(false);
        var killed = new List<StoppedMember>();
        if (!emptied && (signalled.Count > 0 || Members(main).Count > 0))
        {
            try
            {
                killed.AddRange(await KillAllAsync(main, described, KillTimeout).ConfigureAwait(false));
            }
            catch (ContainmentException)
            {
                // Survivors are counted below and reported; the stop still ends with a report.
            }
        }

        // The last net: a root process can leave its cgroup and anyone can leave a session, but the tag stays. Inside a
        // batch (a fleet's teardown, a stop-all) one net after every unit catches them all with one scan.
        var caught = new List<StoppedMember>();
        if (!TagNet.DeferTo(Id))
        {
            try
            {
                caught.AddRange(await TreeKiller.KillAsync(CarriersOfTag, KillTimeout, $"the processes tagged {CorralEnvironment.Unit}={Id}")
                    .ConfigureAwait(false));
                killed.AddRange(caught);
            }
            catch (ContainmentException)
            {
                // What the net could not kill is counted below and reported as surviving.
            }
        }

        OrphanReaper.Reap(described.Select(d => d.Pid).Concat(killed.Select(k => k.Pid)), except: main.Pid);

        var left = Members(main);
        var killedPids = killed.Select(k => k.Pid).ToHashSet();
        var report = new UnitStopReport(
            described,
            described.Where(d => !killedPids.Contains(d.Pid)).ToList(),
            killed.DistinctBy(k => k.Pid).ToList(),
            ProvenEmpty: left.Count == 0)
        {
            Survivors = left.Select(p => new Survivor(p.Pid, p.Id.StartTime, ProcessTable.ReadCommandLine(p.Pid) ?? "?")).ToList(),
            CaughtByTag = caught.DistinctBy(k => k.Pid).ToList(),
        };
        if (report.ProvenEmpty)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>Waits until the members have left of their own accord; false when the grace ran out or was cut short.</summary>
    protected abstract Task<bool> WaitEmptyAsync(ProcessId main, IReadOnlyList<ProcessInfo> signalled, TimeSpan grace, CancellationToken hurry);

    /// <summary>
    /// Kills every member so that none can escape; returns what it killed. <paramref name="described"/> are the members
    /// signalled at the start of the stop, named then: a victim among them needs no read before its kill.
    /// </summary>
    protected abstract Task<IReadOnlyList<StoppedMember>> KillAllAsync(ProcessId main, IReadOnlyList<StoppedMember> described, TimeSpan timeout);

    /// <summary>Frees what the unit holds (a cgroup directory); the unit is known empty when this is called.</summary>
    protected virtual Task ReleaseAsync() => Task.CompletedTask;

    protected IEnumerable<ProcessInfo> CarriersOfTag(ProcessSnapshot snapshot) => snapshot.CarryingUnit(Id);

    private static List<StoppedMember> Describe(IEnumerable<ProcessInfo> members) =>
        members.Select(m => new StoppedMember(m.Pid, ProcessTable.ReadCommandLine(m.Pid) ?? "?")).ToList();
}
