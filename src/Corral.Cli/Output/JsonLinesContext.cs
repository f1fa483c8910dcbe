using System.Text.Json.Serialization;

namespace Corral.Cli.Output;

/// <summary>The verbs that stream (up --json, logs --json): one JSON object per line, not indented, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UpLineJson))]
[JsonSerializable(typeof(LogLineJson))]
internal sealed partial class JsonLinesContext : JsonSerializerContext;
