using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Corral.Cli.Output;
using Corral.Containment;
using Corral.Ports;
using Corral.Processes;
using Corral.Sweep;

namespace Corral.Cli.Commands;

/// <summary><c>corral doctor</c>: the pre-flight check. Exits 0 when the machine is clean, 1 when something is left.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var ports = new Option<string>("--ports") { Description = "comma-separated ports that must be free, e.g. 8080,8081" };
        var json = new Option<bool>("--json") { Description = "print the report as JSON on stdout" };
        var command = new Command("doctor", "Check for leftovers, busy ports and which containment this machine gives.") { ports, json };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(ports), parse.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(string? portList, bool json)
    {
        var (docker, orphanContainers) = await DockerStateAsync().ConfigureAwait(false);
        var ports = ParsePorts(portList);
        var provider = ContainmentProvider.Detect();
        provider.Cleanup();
        var mount = CgroupFs.FindMount();
        var scan = Sweeper.Scan(new Dictionary<string, string>());
        var holders = PortInspector.FindHolders(ports);
        var portReport = ports.Select(p => holders.FirstOrDefault(h => h.Port == p) is { } h
            ? new PortJson(p, false, h.Pid == 0 ? null : h.Pid, h.Command) { Protocol = h.Protocol }
            : new PortJson(p, true, null, null)).ToList();
        var leftovers = scan.Cgroups.Where(c => !c.OwnerAlive).Select(c => new CgroupJson(c.Path, c.Owner, c.OwnerAlive, c.Members)).ToList();
        var orphans = scan.Processes.Count(p => p.IsOrphan);
        var report = new DoctorJson(
            provider.Kind.ToString().ToLowerInvariant(),
            provider.Description,
            mount,
            mount is not null && File.Exists(Path.Combine(mount, CgroupFs.OwnPath()?.TrimStart('/') ?? "", "cgroup.kill")),
            ProcessLauncher.CanStartSessions,
            scan.Processes.Count,
            orphans,
            leftovers,
            portReport,
            docker,
            orphanContainers,
            Healthy: orphans == 0 && leftovers.Count == 0 && orphanContainers == 0 && portReport.All(p => p.Free))
        {
            Limits = LimitSurvey(provider),
        };
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.DoctorJson));
        }
        else
        {
            PrintHuman(report);
        }

        return report.Healthy ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<(string Docker, int OrphanContainers)> DockerStateAsync()
    {
        using var client = new Docker.Engine.DockerClient();
        if (client.Endpoint.IsAbsent)
        {
            return ($"no engine at {client.Endpoint}", 0);
        }

        try
        {
            var info = await client.InfoAsync().ConfigureAwait(false);
            var containers = await Docker.Containers.ContainerSweeper.FindAsync(client).ConfigureAwait(false) ?? [];
            var swarm = info.Swarm.ControlAvailable ? ", swarm manager" : info.Swarm.LocalNodeState == "active" ? ", swarm worker" : "";
            return ($"engine {info.ServerVersion} at {client.Endpoint}{swarm}, {containers.Count} Corral container(s)", containers.Count(c => !c.OwnerAlive));
        }
        catch (Docker.Engine.DockerException e)
        {
            return (e.Message, 0);
        }
    }

    private static Dictionary<string, string?> LimitSurvey(ContainmentProvider provider) => provider is CgroupContainmentProvider cgroup
        ? cgroup.LimitSurvey().ToDictionary(l => l.Limit, l => l.Reason)
        : new Dictionary<string, string?>
        {
            ["memory"] = provider.CannotLimit(new UnitLimits(MemoryBytes: 256L * 1024 * 1024)),
            ["cpus"] = provider.CannotLimit(new UnitLimits(Cpus: 1)),
            ["pids"] = provider.CannotLimit(new UnitLimits(Pids: 100)),
        };

    private static List<int> ParsePorts(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return [];
        }

        return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : throw new ArgumentException($"--ports: '{p}' is not a port number (1-65535)"))
            .ToList();
    }

    private static void PrintHuman(DoctorJson report)
    {
        Console.Out.WriteLine($"containment:  {report.Containment}: {report.ContainmentDetail}");
        Console.Out.WriteLine($"cgroup2:      {report.Cgroup2Mount ?? "not mounted"}{(report.CgroupKill ? " (cgroup.kill available)" : "")}");
        Console.Out.WriteLine($"setsid:       {(report.Setsid ? "available" : "missing: processes share corral's session")}");
        foreach (var (limit, reason) in report.Limits)
        {
            Console.Out.WriteLine($"limit {limit + ":",-7} {reason ?? "enforceable (cgroup v2)"}");
        }

        Console.Out.WriteLine($"processes:    {report.CorralProcesses} launched by Corral, {report.OrphanProcesses} orphaned{(report.OrphanProcesses > 0 ? " -> corral sweep --orphans" : "")}");
        Console.Out.WriteLine($"cgroups:      {report.LeftoverCgroups.Count} left by dead corrals{(report.LeftoverCgroups.Count > 0 ? " -> corral sweep --orphans" : "")}");
        Console.Out.WriteLine($"docker:       {report.Docker}{(report.OrphanContainers > 0 ? $"; {report.OrphanContainers} orphaned -> corral sweep --orphans" : "")}");
        foreach (var port in report.Ports)
        {
            Console.Out.WriteLine(port.Free
                ? $"port {port.Port}:    free"
                : $"port {port.Port}:    BUSY, held by {(port.Pid is null ? port.Command : $"pid {port.Pid} ({port.Command})")} over {port.Protocol}");
        }

        Console.Out.WriteLine(report.Healthy ? "ok: nothing left behind" : "problems found");
    }
}
