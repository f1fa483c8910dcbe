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
        routes.MapGet("/v1/types", (ServerConfig config) => Results.Ok(new BotTypeListDto(
                config.Types.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new BotTypeDto(
                    t.Key,
                    t.Value.Process.Command,
                    t.Value.Process.Port is { } port ? port.First?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto" : null,
                    t.Value.Process.Readiness?.ToString())).ToList())))
            .WithTags("types").WithSummary("The registered bot types.").Answers<BotTypeListDto>(StatusCodes.Status200OK);
        return routes;
    }
}
