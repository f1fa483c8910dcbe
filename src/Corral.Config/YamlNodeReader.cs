using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

/// <summary>Reads typed values from YAML nodes; every failure names the file, line, column and dotted field path.</summary>
internal sealed class YamlNodeReader(string file)
{
    public ConfigException Error(YamlNode node, string field, string problem) =>
        new(file, node.Start.Line, node.Start.Column, field, problem);

    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, field, $"expected a mapping (key: value lines), got {Describe(node)}");

    public string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, $"expected a single value, got {Describe(node)}");

    public int Int(YamlNode node, string field, int min, int max)
    {
        var text = Scalar(node, field);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, field, $"expected a whole number from {min} to {max}, got '{text}'");
    }

    public TimeSpan Duration(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        return Config.Duration.TryParse(text, out var value)
            ? value
            : throw Error(node, field, $"expected a duration such as 250ms, 10s, 2m, 1m30s or a number of seconds, got '{text}'");
    }

    public IReadOnlyList<string> StringList(YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.Select((child, i) => Scalar(child, $"{field}[{i}]")).ToList();
        }

        throw Error(node, field, $"expected a list such as [a, b], got {Describe(node)}");
    }

    public IReadOnlyDictionary<string, string> StringMap(YamlNode node, string field) =>
        Mapping(node, field).Children.ToDictionary(
            e => Scalar(e.Key, field),
            e => Scalar(e.Value, $"{field}.{Scalar(e.Key, field)}"),
            StringComparer.Ordinal);

    /// <summary>The entries of a mapping as (key, value), refusing keys not in <paramref name="known"/> (typos fail loudly).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node, string field, params string[] known)
    {
        foreach (var (keyNode, value) in Mapping(node, field).Children)
        {
            var key = Scalar(keyNode, field);
            if (known.Length > 0 && !known.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"{field}.{key}", $"unknown key; expected one of: {string.Join(", ", known)}");
            }

            yield return (key, value);
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
