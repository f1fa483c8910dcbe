using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Output;
using Corral.Config;
using Corral.Processes;
using Corral.Sweep;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral sweep</c>: alone it reports Corral-launched processes by name, orphans, configured kinds and cgroups.
/// With <c>--kind</c>, <c>--match</c> or <c>--orphans</c> it kills whole trees (or, with <c>--dry-run</c>, shows them).
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "a kind from the config's sweep.kinds, or a CORRAL_NAME" };
        var match = new Option<string>("--match") { Description = "a regex on the command line (for processes Corral did not start)" };
        var orphans = new Option<bool>("--orphans") { Description = "everything whose launching corral is gone, and its cgroups" };
        var dryRun = new Option<bool>("--dry-run") { Description = "show what would be killed, kill nothing" };
        var json = new Option<bool>("--json") { Description = "print the report as JSON on stdout" };
        var config = new Option<string>("--config") { Description = "YAML file with a sweep.kinds section (default: ./corral.yaml if present)" };
        var command = new Command("sweep", "Report, or kill, what earlier runs left behind.") { kind, match, orphans, dryRun, json, config };
        command.SetAction((parse, _) => RunAsync(
            new SweepSelection { Kind = parse.GetValue(kind), Match = parse.GetValue(match), Orphans = parse.GetValue(orphans) },
            parse.GetValue(dryRun),
            parse.GetValue(json),
            parse.GetValue(config)));
        return command;
    }

    private static async Task<int> RunAsync(SweepSelection selection, bool dryRun, bool json, string? configPath)
    {
        var kinds = LoadKinds(configPath);
        if (selection.Match is { } match)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(match);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"corral: --match: not a valid regular expression: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        var scan = Sweeper.Scan(kinds);
        IReadOnlyList<SweptProcess> selected = [];
        IReadOnlyList<CorralCgroup> cgroups = [];
        SweepResult? result = null;
        if (!selection.IsEmpty)
        {
            selected = Sweeper.Select(scan, selection);
            cgroups = Sweeper.SelectCgroups(scan, selection);
            if (!dryRun)
            {
                result = await Sweeper.KillAsync(selected, cgroups).ConfigureAwait(false);
            }
        }

        var containers = await SweepContainersAsync(selection, dryRun).ConfigureAwait(false);
        var affected = result?.Processes ?? WithDescendants(selected);
        var report = new SweepJson(
            scan.Processes.GroupBy(p => p.Name ?? "?").ToDictionary(g => g.Key, g => g.Count()),
            scan.Processes.Count(p => p.IsOrphan),
            scan.Kinds.ToDictionary(k => k.Key, k => k.Value.Count),
            scan.Cgroups.Select(c => new CgroupJson(c.Path, c.Owner, c.OwnerAlive, c.Members)).ToList(),
            affected.Select(p => new ProcessJson(p.Pid, p.Command, p.Name, null, null)).ToList(),
            dryRun,
            result?.Processes.Count ?? 0,
            result?.Cgroups ?? [],
            containers.Found,
            containers.Removed);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.SweepJson));
        }
        else
        {
            PrintHuman(report, scan, selection.IsEmpty, cgroups);
        }

        return ExitCodes.Success;
    }

    /// <summary>Containers labelled corral.owner: reported always, removed with --orphans once their owner is gone.</summary>
    private static async Task<(IReadOnlyList<ContainerJson>? Found, IReadOnlyList<string> Removed)> SweepContainersAsync(SweepSelection selection, bool dryRun)
    {
        using var docker = new Docker.Engine.DockerClient();
        if (docker.Endpoint.IsAbsent)
        {
            return (null, []);
        }

        var found = await Docker.Containers.ContainerSweeper.FindAsync(docker).ConfigureAwait(false);
        if (found is null)
        {
            return (null, []);
        }

        var doomed = found.Where(c => (selection.Orphans && !c.OwnerAlive) || (selection.Kind is not null && c.Bot == selection.Kind)).ToList();
        if (!dryRun)
        {
            await Docker.Containers.ContainerSweeper.RemoveAsync(docker, doomed).ConfigureAwait(false);
        }

        return (found.Select(c => new ContainerJson(c.Id, c.Name, c.Owner, c.Bot, !c.OwnerAlive)).ToList(), doomed.Select(c => c.Name).ToList());
    }

    private static IReadOnlyDictionary<string, string> LoadKinds(string? configPath)
    {
        var path = configPath ?? (File.Exists("corral.yaml") ? "corral.yaml" : null);
        return path is null ? new Dictionary<string, string>() : FleetFile.LoadSweep(path).Kinds;
    }

    private static List<SweptProcess> WithDescendants(IReadOnlyList<SweptProcess> roots)
    {
        var snapshot = ProcessTable.Snapshot();
        var protectedPids = ProcessTable.SelfAndAncestors();
        return ProcessTable.Descendants(snapshot, roots.Select(r => r.Pid))
            .Where(p => !p.IsDead && !protectedPids.Contains(p.Pid))
            .Select(p => roots.FirstOrDefault(r => r.Pid == p.Pid) ?? new SweptProcess(p.Pid, ProcessTable.ReadCommandLine(p.Pid) ?? "?", null))
            .ToList();
    }

    private static void PrintHuman(SweepJson report, SweepScan scan, bool reportOnly, IReadOnlyList<CorralCgroup> cgroups)
    {
        Console.Out.WriteLine($"Corral-launched processes: {scan.Processes.Count} ({report.Orphans} orphaned)");
        foreach (var (name, count) in report.ByName.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"  {name,-24} {count}");
        }

        foreach (var (kind, count) in report.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"kind {kind,-19} {count}");
        }

        Console.Out.WriteLine($"Corral cgroups: {scan.Cgroups.Count} ({scan.Cgroups.Count(c => !c.OwnerAlive)} of dead owners)");
        if (report.Containers is { } containers)
        {
            Console.Out.WriteLine($"Corral containers: {containers.Count} ({containers.Count(c => c.Orphan)} of dead owners)");
        }

        foreach (var removed in report.RemovedContainers)
        {
            Console.Out.WriteLine($"  {(report.DryRun ? "would remove" : "removed")} container {removed}");
        }

        if (reportOnly)
        {
            return;
        }

        var verb = report.DryRun ? "would kill" : "killed";
        foreach (var process in report.Selected)
        {
            Console.Out.WriteLine($"  {verb} pid {process.Pid}: {process.Command}");
        }

        foreach (var cgroup in cgroups)
        {
            Console.Out.WriteLine($"  {(report.DryRun ? "would remove" : "removed")} cgroup {cgroup.Path}");
        }

        Console.Out.WriteLine($"{verb} {report.Selected.Count} process(es)");
    }
}
