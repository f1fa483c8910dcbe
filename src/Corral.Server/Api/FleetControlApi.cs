using Corral.Server.Bots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary>
/// What another shell may ask of a running <c>corral up</c> (over its private, token-protected control address):
/// restart one replica, as compose's <c>restart</c>. Starting and stopping stay with <c>up</c> and <c>down</c>.
/// </summary>
public static class FleetControlApi
{
    public static IEndpointRouteBuilder MapFleetControlApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/launcher/restart/{bot_name}", RestartAsync).WithTags("fleet").WithSummary("Restart one replica of the fleet.")
            .Answers<Contracts.BotDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> RestartAsync(string bot_name, IBotCatalog fleet, HttpContext context)
    {
        try
        {
            var bot = fleet.Get(bot_name);
            await bot.Lifecycle.RestartAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(await BotMapper.ToDtoAsync(bot, context.RequestAborted).ConfigureAwait(false));
        }
        catch (Exception e) when (e is BotNotFoundException or Exceptions.CorralException)
        {
            return Problems.From(e);
        }
    }
}
