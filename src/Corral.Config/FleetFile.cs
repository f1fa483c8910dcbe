using System.Text.RegularExpressions;
using Corral.Fleet;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

/// <summary>A parsed fleet file: the fleet and the sweep kinds. An invalid file is refused whole, before anything starts.</summary>
public sealed record FleetFile(string Path, FleetSpec Fleet, SweepConfig Sweep)
{
    public static FleetFile Load(string path)
    {
        var (full, text) = YamlFiles.Read(path);
        return Parse(text, full);
    }

    public static FleetFile Parse(string yaml, string path)
    {
        var reader = new YamlNodeReader(path);
        var root = YamlFiles.Root(yaml, path);
        var processes = new List<ProcessSpec>();
        var sweep = SweepConfig.Empty;
        var strategy = "local";
        foreach (var (key, value) in reader.Entries(root, "(top level)", "processes", "sweep", "version", "name", "strategy"))
        {
            switch (key)
            {
                case "strategy":
                    strategy = ProcessReader.Strategy(reader, value, key);
                    break;
                case "processes":
                    foreach (var (name, body) in reader.Entries(value, "processes"))
                    {
                        processes.Add(ProcessReader.Read(reader, name, body, value));
                    }

                    break;
                case "sweep":
                    sweep = ReadSweep(reader, value);
                    break;
            }
        }

        if (processes.Count == 0)
        {
            throw reader.Error(root, "processes", "the fleet has no processes; add a 'processes:' mapping");
        }

        foreach (var process in processes.Where(p => (p.Strategy ?? strategy) == "docker" && p.Image is null))
        {
            throw reader.Error(root, $"processes.{process.Name}.image", "missing; the fleet's strategy is docker, which runs every process from an image");
        }

        return new FleetFile(path, new FleetSpec(processes) { BaseDirectory = System.IO.Path.GetDirectoryName(path)!, Strategy = strategy }, sweep);
    }

    /// <summary>Reads only the <c>sweep:</c> section of any Corral YAML file (fleet file or corral.yaml).</summary>
    public static SweepConfig LoadSweep(string path)
    {
        var (full, text) = YamlFiles.Read(path);
        var reader = new YamlNodeReader(full);
        var root = reader.Mapping(YamlFiles.Root(text, full), "(top level)");
        return root.Children.TryGetValue(new YamlScalarNode("sweep"), out var sweep) ? ReadSweep(reader, sweep) : SweepConfig.Empty;
    }

    internal static SweepConfig ReadSweep(YamlNodeReader reader, YamlNode node)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in reader.Entries(node, "sweep", "kinds"))
        {
            foreach (var (kind, pattern) in reader.Entries(value, "sweep.kinds"))
            {
                var regex = reader.Scalar(pattern, $"sweep.kinds.{kind}");
                try
                {
                    _ = new Regex(regex, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    throw reader.Error(pattern, $"sweep.kinds.{kind}", $"not a valid regular expression: {e.Message}");
                }

                kinds[kind] = regex;
            }
        }

        return new SweepConfig(kinds);
    }
}
