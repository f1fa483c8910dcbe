using System.Globalization;
using Corral.Processes;
using Corral.Readiness;

using Corral.Fleet;

namespace Corral.Execution;

/// <summary>
/// The one templating path: turns a process spec (a fleet process or a bot type named after its bot) and a replica
/// number into what is actually launched and probed. Placeholders: <c>{name}</c>, <c>{replica}</c>, <c>{port}</c>,
/// <c>{other.port}</c>.
/// </summary>
public static class UnitTemplating
{
    public static LaunchSpec ToLaunchSpec(
        ProcessSpec process, int replica, int? port, IReadOnlyDictionary<string, int[]>? ports, string baseDirectory, string? logDirectory)
    {
        var values = Values(process, replica, port, ports);
        var argv = process.Command.Select(a => Template.Expand(a, values, $"{process.Name}: command")).ToList();
        var environment = process.Environment.ToDictionary(
            e => e.Key,
            e => Template.Expand(e.Value, values, $"{process.Name}: env {e.Key}"),
            StringComparer.Ordinal);
        if (port is not null)
        {
            environment[CorralEnvironment.Port] = port.Value.ToString(CultureInfo.InvariantCulture);
        }

        var cwd = process.WorkingDirectory is null
            ? baseDirectory
            : Path.GetFullPath(Template.Expand(process.WorkingDirectory, values, $"{process.Name}: cwd"), baseDirectory);
        return new LaunchSpec(process.Name, argv)
        {
            Replica = replica,
            ShowReplica = process.Replicas > 1,
            WorkingDirectory = cwd,
            Environment = environment,
            StopSignal = process.StopSignal,
            StopGrace = process.StopGrace,
            LogFile = logDirectory is null ? null : Path.Combine(logDirectory, $"{process.Name}-{replica}.log"),
            NewConsole = process.NewConsole,
            Limits = process.Limits,
        };
    }

    public static ProbeSpec ExpandProbe(ProbeSpec probe, ProcessSpec process, int replica, int? port, IReadOnlyDictionary<string, int[]>? ports = null) =>
        probe with { Target = Template.Expand(probe.Target, Values(process, replica, port, ports), $"{process.Name}: readiness") };

    public static Supervision.LivenessSpec ExpandLiveness(Supervision.LivenessSpec liveness, ProcessSpec process, int replica, int? port, IReadOnlyDictionary<string, int[]>? ports = null) =>
        liveness with
        {
            Probe = liveness.Probe with { Target = Template.Expand(liveness.Probe.Target, Values(process, replica, port, ports), $"{process.Name}: liveness") },
        };

    private static Dictionary<string, string> Values(ProcessSpec process, int replica, int? port, IReadOnlyDictionary<string, int[]>? ports)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = process.Name,
            ["replica"] = replica.ToString(CultureInfo.InvariantCulture),
        };
        if (port is not null)
        {
            values["port"] = port.Value.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, assigned) in ports ?? new Dictionary<string, int[]>())
        {
            values[name + ".port"] = assigned[0].ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }
}
