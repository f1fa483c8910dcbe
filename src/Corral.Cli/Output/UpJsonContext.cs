using System.Text.Json.Serialization;

namespace Corral.Cli.Output;

/// <summary>One JSON object per line (not indented, unlike the CLI's documents), nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UpLineJson))]
internal sealed partial class UpJsonContext : JsonSerializerContext;
