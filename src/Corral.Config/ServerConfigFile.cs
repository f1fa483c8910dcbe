using Corral.Supervision;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

/// <summary>Reads corral.yaml. Like fleet files, an invalid file is refused whole with file:line:field.</summary>
public static class ServerConfigFile
{
    public static readonly string[] Strategies = ["local", "docker", "swarm"];

    public static ServerConfig Load(string path)
    {
        var (full, text) = YamlFiles.Read(path);
        return Parse(text, full);
    }

    public static ServerConfig Parse(string yaml, string path)
    {
        var reader = new YamlNodeReader(path);
        var root = YamlFiles.Root(yaml, path);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var strategy = "local";
        var state = System.IO.Path.Combine(directory, ".corral", "state.db");
        string? listen = null;
        var defaultLogs = LogRotationSpec.Default;
        YamlNode? typesNode = null;
        var sweep = SweepConfig.Empty;
        foreach (var (key, value) in reader.Entries(root, "(top level)", "strategy", "state", "listen", "types", "logs", "sweep", "version"))
        {
            switch (key)
            {
                case "strategy":
                    strategy = reader.Scalar(value, key);
                    if (!Strategies.Contains(strategy, StringComparer.Ordinal))
                    {
                        throw reader.Error(value, key, $"unknown strategy '{strategy}'; expected one of: {string.Join(", ", Strategies)}");
                    }

                    break;
                case "state":
                    state = System.IO.Path.GetFullPath(reader.Scalar(value, key), directory);
                    break;
                case "listen":
                    listen = reader.Scalar(value, key);
                    break;
                case "logs":
                    defaultLogs = Logs(reader, value, key, defaultLogs);
                    break;
                case "types":
                    typesNode = value;
                    break;
                case "sweep":
                    sweep = FleetFile.ReadSweep(reader, value);
                    break;
            }
        }

        var types = new Dictionary<string, BotTypeSpec>(StringComparer.Ordinal);
        if (typesNode is not null)
        {
            foreach (var (name, body) in reader.Entries(typesNode, "types"))
            {
                types[name] = ReadType(reader, strategy, name, body, typesNode, defaultLogs);
            }
        }

        return new ServerConfig(path, strategy, state, listen, types, sweep) { Logs = defaultLogs };
    }

    private static BotTypeSpec ReadType(YamlNodeReader reader, string strategy, string name, YamlNode body, YamlNode parent, LogRotationSpec defaultLogs)
    {
        var logs = defaultLogs;
        var extra = new Dictionary<string, Action<YamlNode, string>>(StringComparer.Ordinal)
        {
            ["logs"] = (node, field) => logs = Logs(reader, node, field, defaultLogs),
        };
        var process = ProcessReader.Read(reader, "types", name, body, parent, extra, commandRequired: false);
        var at = $"types.{name}";
        if (strategy == "local" && process.Command.Count == 0)
        {
            throw reader.Error(body, $"{at}.command", "missing; give an argv list such as [\"python3\", \"bot.py\"] or a shell string");
        }

        if (strategy != "local" && process.Image is null)
        {
            throw reader.Error(body, $"{at}.image", $"missing; strategy {strategy} runs every bot from an image that exists on the engine");
        }

        if (process.Replicas != 1 && strategy != "swarm")
        {
            throw reader.Error(body, $"{at}.replicas", "only strategy swarm runs replicas of one bot; locally and in docker each bot is one process");
        }

        return new BotTypeSpec(process, logs);
    }

    private static LogRotationSpec Logs(YamlNodeReader reader, YamlNode node, string field, LogRotationSpec defaults)
    {
        var spec = defaults;
        foreach (var (key, value) in reader.Entries(node, field, "max_size", "keep", "retention", "stderr"))
        {
            var at = $"{field}.{key}";
            if (key == "stderr")
            {
                spec = reader.Scalar(value, at) switch
                {
                    "separate" => spec with { SeparateStderr = true },
                    "merged" => spec with { SeparateStderr = false },
                    var other => throw reader.Error(value, at, $"expected separate (stderr in NAME.stderr beside NAME.log) or merged (both in NAME.log), got '{other}'"),
                };
                continue;
            }

            if (key == "retention")
            {
                spec = spec with { Retention = reader.Duration(value, at) };
                continue;
            }

            if (key == "keep")
            {
                spec = spec with { Keep = reader.Int(value, at, 0, 1000) };
                continue;
            }

            var text = reader.Scalar(value, at);
            spec = ByteSize.TryParse(text, out var bytes)
                ? spec with { MaxSize = bytes }
                : throw reader.Error(value, at, $"expected a size such as 10MB, 512KB or a number of bytes, got '{text}'");
        }

        return spec;
    }
}
