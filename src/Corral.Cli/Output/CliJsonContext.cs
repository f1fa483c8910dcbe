using System.Text.Json.Serialization;
using Corral.Cli.Runs;

namespace Corral.Cli.Output;

/// <summary>Source-generated JSON: no reflection at start-up, stable snake_case field names for scripts.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunFile))]
[JsonSerializable(typeof(SweepJson))]
[JsonSerializable(typeof(DoctorJson))]
[JsonSerializable(typeof(DownJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
