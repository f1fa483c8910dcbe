using System.Text.RegularExpressions;
using Corral.Fleet;
using Corral.Readiness;
using Corral.Signals;
using Corral.Supervision;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

/// <summary>Reads one entry under <c>processes:</c> (fleet files) or <c>types:</c> (corral.yaml).</summary>
internal static partial class ProcessReader
{
    private static readonly string[] Keys =
        ["command", "port", "replicas", "env", "cwd", "depends_on", "readiness", "liveness", "limits", "stop", "restart", "strategy", "image", "console"];

    /// <summary>The strategies a fleet process may name.</summary>
    public static readonly string[] FleetStrategies = ["local", "docker"];

    public static ProcessSpec Read(YamlNodeReader reader, string name, YamlNode body, YamlNode parent) =>
        Read(reader, "processes", name, body, parent, new Dictionary<string, Action<YamlNode, string>>());

    /// <summary>Reads an entry; keys in <paramref name="extra"/> are handed to the caller with their field path.</summary>
    public static ProcessSpec Read(
        YamlNodeReader reader, string section, string name, YamlNode body, YamlNode parent, IReadOnlyDictionary<string, Action<YamlNode, string>> extra,
        bool commandRequired = true)
    {
        var at = $"{section}.{name}";
        if (!ValidName().IsMatch(name))
        {
            throw reader.Error(parent, at, "a process name must start with a letter or digit and hold only letters, digits, '_', '.' and '-'");
        }

        IReadOnlyList<string>? command = null;
        var spec = new ProcessSpec(name, []);
        foreach (var (key, value) in reader.Entries(body, at, [.. Keys, .. extra.Keys]))
        {
            var field = $"{at}.{key}";
            if (extra.TryGetValue(key, out var handle))
            {
                handle(value, field);
                continue;
            }

            spec = key switch
            {
                "command" => spec with { Command = command = Command(reader, value, field) },
                "port" => spec with { Port = Port(reader, value, field) },
                "replicas" => spec with { Replicas = reader.Int(value, field, 1, 1000) },
                "env" => spec with { Environment = reader.StringMap(value, field) },
                "cwd" => spec with { WorkingDirectory = reader.Scalar(value, field) },
                "depends_on" => spec with { DependsOn = reader.StringList(value, field) },
                "readiness" => spec with { Readiness = Readiness(reader, value, field) },
                "liveness" => spec with { Liveness = Liveness(reader, value, field) },
                "limits" => spec with { Limits = Limits(reader, value, field) },
                "stop" => Stop(reader, value, field, spec),
                "restart" => spec with { Restart = Restart(reader, value, field) },
                "image" => spec with { Image = reader.Scalar(value, field) },
                "strategy" => spec with { Strategy = Strategy(reader, value, field) },
                "console" => spec with { NewConsole = NewConsole(reader, value, field) },
                _ => spec,
            };
        }

        if (spec.Strategy == "docker" && spec.Image is null)
        {
            throw reader.Error(body, $"{at}.image", "missing; strategy docker runs the process from an image that exists on the engine");
        }

        if (command is null && commandRequired && spec.Image is null)
        {
            throw reader.Error(body, $"{at}.command", "missing; give an argv list such as [\"python3\", \"server.py\"] or a shell string");
        }

        return spec;
    }

    private static IReadOnlyList<string> Command(YamlNodeReader reader, YamlNode node, string field)
    {
        var argv = node is YamlScalarNode ? ProcessSpec.Shell(reader.Scalar(node, field)) : reader.StringList(node, field);
        if (argv.Count == 0 || string.IsNullOrWhiteSpace(argv[^1]) || string.IsNullOrWhiteSpace(argv[0]))
        {
            throw reader.Error(node, field, "the command is empty");
        }

        return argv;
    }

    /// <summary>A strategy name a fleet accepts (swarm belongs to the daemon, where a type's replicas become a service).</summary>
    // Where the process's output goes on Windows: captured (the default: "name |" lines and the log) or a window of its own.
    private static bool NewConsole(YamlNodeReader reader, YamlNode node, string field) => reader.Scalar(node, field) switch
    {
        "new" => true,
        "captured" => false,
        var other => throw reader.Error(node, field, $"unknown console '{other}'; expected new (a window of its own, on Windows) or captured"),
    };

    public static string Strategy(YamlNodeReader reader, YamlNode node, string field)
    {
        var strategy = reader.Scalar(node, field);
        return FleetStrategies.Contains(strategy, StringComparer.Ordinal)
            ? strategy
            : throw reader.Error(node, field, $"unknown strategy '{strategy}' for a fleet; expected one of: {string.Join(", ", FleetStrategies)} (swarm is for corral serve)");
    }

    /// <summary>The same <c>restart:</c> block for fleet processes and bot types: same keys, same meaning.</summary>
    private static RestartSpec Restart(YamlNodeReader reader, YamlNode node, string field)
    {
        var spec = RestartSpec.Never with { Policy = RestartPolicyKind.OnFailure };
        foreach (var (key, value) in reader.Entries(node, field, "policy", "max", "backoff", "max_backoff", "reset_after"))
        {
            var at = $"{field}.{key}";
            spec = key switch
            {
                "policy" => spec with { Policy = Policy(reader, value, at) },
                "max" => spec with { Max = reader.Int(value, at, 0, 1_000_000) },
                "backoff" => spec with { Backoff = reader.Duration(value, at) },
                "max_backoff" => spec with { MaxBackoff = reader.Duration(value, at) },
                "reset_after" => spec with { ResetAfter = reader.Duration(value, at) },
                _ => spec,
            };
        }

        return spec;
    }

    private static RestartPolicyKind Policy(YamlNodeReader reader, YamlNode node, string field) => reader.Scalar(node, field) switch
    {
        "no" or "never" => RestartPolicyKind.No,
        "on-failure" => RestartPolicyKind.OnFailure,
        "always" => RestartPolicyKind.Always,
        var other => throw reader.Error(node, field, $"unknown restart policy '{other}'; expected no, on-failure or always"),
    };

    private static PortSpec Port(YamlNodeReader reader, YamlNode node, string field) =>
        reader.Scalar(node, field) == "auto" ? PortSpec.Auto : PortSpec.Fixed(reader.Int(node, field, 1, 65535));

    private static ProbeSpec Readiness(YamlNodeReader reader, YamlNode node, string field)
    {
        var entries = reader.Entries(node, field, "http", "tcp", "log", "exec", "expect", "interval", "timeout", "attempt_timeout").ToList();
        return Probe(reader, node, field, entries, ["http", "tcp", "log", "exec"], new ProbeSpec(ProbeKind.Http, ""));
    }

    /// <summary>One probe kind out of <paramref name="kinds"/> with its target, then the timing keys over <paramref name="defaults"/>.</summary>
    private static ProbeSpec Probe(
        YamlNodeReader reader, YamlNode node, string field, IReadOnlyList<(string Key, YamlNode Value)> entries, string[] kinds, ProbeSpec defaults)
    {
        ProbeSpec? probe = null;
        foreach (var (key, value) in entries.Where(e => kinds.Contains(e.Key)))
        {
            if (probe is not null)
            {
                throw reader.Error(value, $"{field}.{key}", $"give exactly one probe: {string.Join(", ", kinds)}");
            }

            var target = reader.Scalar(value, $"{field}.{key}");
            probe = defaults with { Kind = Enum.Parse<ProbeKind>(key, ignoreCase: true), Target = target };
            Check(reader, value, $"{field}.{key}", probe);
        }

        if (probe is null)
        {
            throw reader.Error(node, field, $"no probe; give one of {string.Join(", ", kinds)}");
        }

        foreach (var (key, value) in entries)
        {
            var at = $"{field}.{key}";
            probe = key switch
            {
                "expect" => probe with { ExpectBody = reader.Scalar(value, at) },
                "interval" => probe with { Interval = Positive(reader, value, at) },
                "timeout" => probe with { Timeout = Positive(reader, value, at) },
                "attempt_timeout" => probe with { AttemptTimeout = Positive(reader, value, at) },
                _ => probe,
            };
        }

        return probe;
    }

    private static void Check(YamlNodeReader reader, YamlNode node, string field, ProbeSpec probe)
    {
        var problem = probe.Kind switch
        {
            ProbeKind.Http when !probe.Target.StartsWith("http://", StringComparison.Ordinal)
                && !probe.Target.StartsWith("https://", StringComparison.Ordinal) => "an http probe needs a URL starting with http:// or https://",
            ProbeKind.Tcp when probe.Target.LastIndexOf(':') <= 0 => "a tcp probe needs host:port, such as 127.0.0.1:{port}",
            ProbeKind.Log when !IsRegex(probe.Target) => "not a valid regular expression",
            _ => null,
        };
        if (problem is not null)
        {
            throw reader.Error(node, field, problem);
        }
    }

    private static ProcessSpec Stop(YamlNodeReader reader, YamlNode node, string field, ProcessSpec spec)
    {
        foreach (var (key, value) in reader.Entries(node, field, "signal", "grace"))
        {
            var at = $"{field}.{key}";
            if (key == "grace")
            {
                spec = spec with { StopGrace = reader.Duration(value, at) };
                continue;
            }

            var text = reader.Scalar(value, at);
            spec = SignalNumbers.TryParse(text, out var signal) && signal is not (Signal.Stop or Signal.Cont)
                ? spec with { StopSignal = signal }
                : throw reader.Error(value, at, $"unknown signal '{text}'; use SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2 or SIGKILL");
        }

        return spec;
    }

    private static TimeSpan Positive(YamlNodeReader reader, YamlNode node, string field)
    {
        var value = reader.Duration(node, field);
        return value > TimeSpan.Zero ? value : throw reader.Error(node, field, "must be greater than zero");
    }

    private static bool IsRegex(string text)
    {
        try
        {
            _ = new Regex(text, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}\z")]
    private static partial Regex ValidName();
}
