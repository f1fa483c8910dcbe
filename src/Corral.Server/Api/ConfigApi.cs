using Corral.Config;
using Corral.Contracts;
using Corral.Server.Bots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary>
/// <c>POST /v1/config/reload</c>: reads the daemon's configuration file again, validated whole before anything changes
/// (an invalid file answers 400 with its file, line and field), and answers the plan it carried out.
/// </summary>
public static class ConfigApi
{
    public static IEndpointRouteBuilder MapConfigApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/config/reload", ReloadAsync).WithTags("config")
            .WithSummary("Reload corral.yaml: ?dry_run=true answers the plan only; &prune=true stops bots whose type is gone.")
            .Answers<ReloadPlanDto>(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<IResult> ReloadAsync(
        BotSupervisor supervisor, HttpContext context, [FromQuery(Name = "dry_run")] bool dryRun = false, bool prune = false)
    {
        try
        {
            var next = ServerConfigFile.Load(supervisor.Config.Path);
            return Results.Ok(await supervisor.ReloadAsync(next, dryRun, prune, context.RequestAborted).ConfigureAwait(false));
        }
        catch (ConfigException e)
        {
            return Problems.Problem(StatusCodes.Status400BadRequest, "Invalid configuration: nothing changed", e.Message);
        }
        catch (Exception e) when (e is BotRequestException or BotConflictException)
        {
            return Problems.From(e);
        }
    }
}
