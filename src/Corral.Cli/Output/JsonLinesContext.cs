using System.Text.Json.Serialization;

namespace Corral.Cli.Output;

/// <summary>The verbs that stream (up --json): one JSON object per line, not indented, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UpLineJson))]
internal sealed partial class JsonLinesContext : JsonSerializerContext;
