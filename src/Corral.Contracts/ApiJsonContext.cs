using System.Text.Json.Serialization;

namespace Corral.Contracts;

/// <summary>Source-generated JSON for every wire shape; snake_case like the manager this replaces.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LaunchRequest))]
[JsonSerializable(typeof(StopAllRequest))]
[JsonSerializable(typeof(BotDto))]
[JsonSerializable(typeof(BotListDto))]
[JsonSerializable(typeof(StopReportDto))]
[JsonSerializable(typeof(StopAllDto))]
[JsonSerializable(typeof(BotDetailDto))]
[JsonSerializable(typeof(HealthDto))]
[JsonSerializable(typeof(ScaleRequest))]
[JsonSerializable(typeof(BotEvent))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(BotTypeListDto))]
[JsonSerializable(typeof(ReloadPlanDto))]
[JsonSerializable(typeof(LogLineDto))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
