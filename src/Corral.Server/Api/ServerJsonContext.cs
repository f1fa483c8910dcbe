using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Corral.Server.Api;

/// <summary>Source-generated JSON for the server-only shapes (problem details); the API's own shapes are in <c>ApiJsonContext</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProblemDetails))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
