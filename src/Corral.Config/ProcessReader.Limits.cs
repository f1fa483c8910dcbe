using System.Globalization;
using Corral.Containment;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

internal static partial class ProcessReader
{
    /// <summary><c>limits: { memory: 512MB, cpus: 1.5, pids: 200 }</c>: any of the three.</summary>
    private static UnitLimits Limits(YamlNodeReader reader, YamlNode node, string field)
    {
        var limits = new UnitLimits();
        foreach (var (key, value) in reader.Entries(node, field, "memory", "cpus", "pids"))
        {
            var at = $"{field}.{key}";
            var text = reader.Scalar(value, at);
            limits = key switch
            {
                "memory" => ByteSize.TryParse(text, out var bytes) && bytes >= 1024 * 1024
                    ? limits with { MemoryBytes = bytes }
                    : throw reader.Error(value, at, $"'{text}' is not a memory size of at least 1MB, such as 512MB or 2GB"),
                "cpus" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) && cpus is >= 0.01 and <= 1024
                    ? limits with { Cpus = cpus }
                    : throw reader.Error(value, at, $"'{text}' is not a number of CPUs between 0.01 and 1024, such as 0.5 or 2"),
                _ => limits with { Pids = reader.Int(value, at, 1, 4_194_304) },
            };
        }

        return limits;
    }
}
