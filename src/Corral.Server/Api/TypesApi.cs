using Corral.Config;
using Corral.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary><c>GET /v1/types</c>: the registered bot types a launch may name, as the dashboard's launch form offers them.</summary>
public static class TypesApi
{
    public static IEndpointRouteBuilder MapTypesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/types", (TypeList types) => Results.Ok(types.Current))
            .WithTags("types").WithSummary("The registered bot types.").Answers<BotTypeListDto>(StatusCodes.Status200OK);
        return routes;
    }

    /// <summary>The types as they stand at each request (a reload changes the daemon's).</summary>
    public sealed class TypeList(Func<BotTypeListDto> read)
    {
        public BotTypeListDto Current => read();
    }

    /// <summary>The daemon's registered types.</summary>
    public static BotTypeListDto List(ServerConfig config) => new(
        config.Types.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => Describe(t.Key, t.Value.Process)).ToList());

    public static BotTypeDto Describe(string name, Fleet.ProcessSpec process) => new(
        name,
        process.Command,
        process.Port is { } port ? port.First?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto" : null,
        process.Readiness?.ToString());
}
