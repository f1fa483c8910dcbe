using System.Text.RegularExpressions;
using Corral.Containment;
using Corral.Processes;

namespace Corral.Sweep;

/// <summary>
/// Finds and kills what earlier runs left: processes by Corral tag, kind or command line, and the cgroups of
/// corral instances that are gone. Kills whole trees and never touches the caller or its ancestors.
/// </summary>
public static class Sweeper
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(15);

    public static SweepScan Scan(IReadOnlyDictionary<string, string> kinds)
    {
        var snapshot = ProcessTable.Snapshot();
        var protectedPids = ProcessTable.SelfAndAncestors();
        var processes = new List<CorralProcess>();
        var owners = new Dictionary<string, bool>(StringComparer.Ordinal);
        var everything = new List<SweptProcess>();
        foreach (var info in snapshot.Where(p => !p.IsDead && !protectedPids.Contains(p.Pid)))
        {
            var command = ProcessTable.ReadCommandLine(info.Pid) ?? "?";
            everything.Add(new SweptProcess(info.Pid, command, null) { StartTime = info.Id.StartTime });
            var tags = ProcessTable.ReadCorralEnvironment(info.Pid);
            if (!tags.TryGetValue(CorralEnvironment.Owner, out var owner))
            {
                continue;
            }

            if (!owners.TryGetValue(owner, out var alive))
            {
                owners[owner] = alive = Adoptions.IsHeld(owner);
            }

            processes.Add(new CorralProcess(info, command, owner, tags.GetValueOrDefault(CorralEnvironment.Name), tags.GetValueOrDefault(CorralEnvironment.Unit), alive));
        }

        var kindMatches = kinds.ToDictionary(
            k => k.Key,
            k =>
            {
                var regex = new Regex(k.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
                return (IReadOnlyList<SweptProcess>)everything.Where(p => regex.IsMatch(p.Command)).ToList();
            },
            StringComparer.Ordinal);

        return new SweepScan(processes, CorralCgroups.Find(), kindMatches, everything);
    }

    /// <summary>The root processes a selection picks (their descendants go with them when killed).</summary>
    public static IReadOnlyList<SweptProcess> Select(SweepScan scan, SweepSelection selection)
    {
        var picked = new Dictionary<int, SweptProcess>();
        void Add(ProcessId id, string command, string? name) => picked.TryAdd(id.Pid, new SweptProcess(id.Pid, command, name) { StartTime = id.StartTime });

        if (selection.Kind is { } kind)
        {
            if (scan.Kinds.TryGetValue(kind, out var ofKind))
            {
                foreach (var p in ofKind)
                {
                    Add(p.Id, p.Command, null);
                }
            }

            foreach (var p in scan.Processes.Where(p => p.Name == kind))
            {
                Add(p.Info.Id, p.Command, p.Name);
            }
        }

        if (selection.Match is { } match)
        {
            var regex = new Regex(match, RegexOptions.None, TimeSpan.FromSeconds(1));
            foreach (var p in scan.Everything.Where(p => regex.IsMatch(p.Command)))
            {
                Add(p.Id, p.Command, null);
            }
        }

        foreach (var p in scan.Processes.Where(p => (selection.Orphans && p.IsOrphan) || (selection.Owner is not null && p.Owner == selection.Owner)))
        {
            Add(p.Info.Id, p.Command, p.Name);
        }

        return [.. picked.Values.OrderBy(p => p.Pid)];
    }

    /// <summary>The cgroups a selection removes: those of dead owners for <c>--orphans</c>, or of one owner.</summary>
    public static IReadOnlyList<CorralCgroup> SelectCgroups(SweepScan scan, SweepSelection selection) =>
        scan.Cgroups.Where(c => (selection.Orphans && !c.OwnerAlive) || (selection.Owner is not null && c.Owner == selection.Owner)).ToList();

    /// <summary>Kills everything one corral instance launched (its tagged processes and its cgroups), dead or alive.</summary>
    public static Task<SweepResult> KillOwnerAsync(string owner)
    {
        var selection = new SweepSelection { Owner = owner };
        var scan = Scan(new Dictionary<string, string>());
        return KillAsync(Select(scan, selection), SelectCgroups(scan, selection));
    }

    /// <summary>Kills the selected trees and empties and removes the selected cgroups; returns every process killed.</summary>
    public static async Task<SweepResult> KillAsync(IReadOnlyList<SweptProcess> roots, IReadOnlyList<CorralCgroup> cgroups)
    {
        // Every cgroup at once, with one tag net for all of them (the selected trees' kill below scans anyway).
        var net = TagNet.Begin();
        var reports = await Task.WhenAll(cgroups.Select(cgroup => Task.Run(() =>
            new CgroupUnit(Path.GetFileName(cgroup.Path), cgroup.Path).StopAsync(default, Signals.Signal.Kill, TimeSpan.Zero, CancellationToken.None))))
            .ConfigureAwait(false);
        var killed = reports
            .SelectMany(report => report.Signalled.Concat(report.Killed))
            .Select(m => new SweptProcess(m.Pid, m.Command, null))
            .ToList();
        killed.AddRange((await net.SweepAsync().ConfigureAwait(false)).Select(m => new SweptProcess(m.Pid, m.Command, null)));

        // The identities the scan saw: a pid recycled since then belongs to another process and is left alone.
        var identities = roots.Select(r => r.Id).ToHashSet();
        var dead = await TreeKiller.KillAsync(
            snapshot => snapshot.Where(p => identities.Contains(p.Id)),
            KillTimeout,
            "the selected processes").ConfigureAwait(false);
        killed.AddRange(dead.Select(m => new SweptProcess(m.Pid, m.Command, null)));

        foreach (var owner in cgroups.Select(c => Path.GetDirectoryName(c.Path)!).Distinct())
        {
            CgroupFs.Remove(owner);
        }

        return new SweepResult(killed.DistinctBy(k => k.Pid).ToList(), cgroups.Select(c => c.Path).ToList(), DryRun: false);
    }
}
