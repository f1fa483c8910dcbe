using System.Text.Json;
using Corral.Exceptions;
using Corral.Server.Bots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Corral.Contracts;

namespace Corral.Server.Api;

/// <summary><c>/v1/launcher/*</c>: launch, stop, stop all, restart: the old manager's paths and fields.</summary>
public static class LauncherApi
{
    public static IEndpointRouteBuilder MapLauncherApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/launcher").WithTags("launcher");
        group.MapPost("/launch", LaunchAsync).WithSummary("Launch a bot of a registered type; ?wait=ready returns once it is ready.")
            .Reads<LaunchRequest>().Answers<BotDto>(StatusCodes.Status201Created, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/stop/{bot_name}", StopAsync).WithSummary("Stop a bot and every process of its unit.")
            .Answers<StopReportDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound);
        group.MapPost("/stop", StopAllAsync).WithSummary("Stop every bot: {\"all\": true}.")
            .Reads<StopAllRequest>().Answers<StopAllDto>(StatusCodes.Status200OK);
        group.MapPost("/restart/{bot_name}", RestartAsync).WithSummary("Restart a bot with the same config.")
            .Answers<BotDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/scale/{bot_name}", ScaleAsync).WithSummary("Set a service bot's replicas: {\"replicas\": n} (strategy swarm).")
            .Reads<ScaleRequest>().Answers<BotDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<IResult> LaunchAsync(HttpRequest request, BotSupervisor supervisor, string? wait = null)
    {
        var (body, error) = await RequestBody.ReadAsync(request, ApiJsonContext.Default.LaunchRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(body!.BotName))
        {
            return Problems.BadRequest("Missing field: bot_name.");
        }

        if (string.IsNullOrEmpty(body.BotType))
        {
            return Problems.BadRequest("Missing field: bot_type.");
        }

        if (body.Config is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return Problems.BadRequest($"Field config must be a JSON object, got {body.Config.Value.ValueKind}.");
        }

        if (wait is not null and not "ready")
        {
            return Problems.BadRequest($"Unknown wait '{wait}'; the only value is wait=ready.");
        }

        var config = body.Config is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : "{}";
        try
        {
            var bot = await supervisor.LaunchAsync(body.BotName, body.BotType, config, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (wait == "ready")
            {
                try
                {
                    await bot.Ready.WaitAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
                {
                    // Stopped by another request while this one waited for readiness: an outcome, not a crash.
                    return Problems.Problem(StatusCodes.Status409Conflict, "Stopped while starting",
                        $"Bot '{bot.Name}' was stopped before it became ready.");
                }
            }

            return Results.Created($"/v1/bots/{bot.Name}", await BotMapper.ToDtoAsync(bot, request.HttpContext.RequestAborted).ConfigureAwait(false));
        }
        catch (CorralException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> StopAsync(string bot_name, BotSupervisor supervisor)
    {
        try
        {
            var (bot, report) = await supervisor.StopAsync(bot_name).ConfigureAwait(false);
            return Results.Ok(BotMapper.ToDto(bot, report));
        }
        catch (CorralException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> StopAllAsync(HttpRequest request, BotSupervisor supervisor)
    {
        var (body, error) = await RequestBody.ReadAsync(request, ApiJsonContext.Default.StopAllRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!body!.All)
        {
            return Problems.BadRequest("To stop every bot send {\"all\": true}; to stop one, POST /v1/launcher/stop/{bot_name}.");
        }

        try
        {
            var stopped = await supervisor.StopAllAsync().ConfigureAwait(false);
            return Results.Ok(new StopAllDto(stopped.Count, stopped.Select(s => BotMapper.ToDto(s.Bot, s.Report)).ToList()));
        }
        catch (CorralException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> ScaleAsync(string bot_name, HttpRequest request, BotSupervisor supervisor)
    {
        var (body, error) = await RequestBody.ReadAsync(request, ApiJsonContext.Default.ScaleRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var bot = await supervisor.ScaleAsync(bot_name, body!.Replicas, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Ok(await BotMapper.ToDtoAsync(bot, request.HttpContext.RequestAborted).ConfigureAwait(false));
        }
        catch (CorralException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> RestartAsync(string bot_name, BotSupervisor supervisor, HttpContext context)
    {
        try
        {
            var bot = await supervisor.RestartAsync(bot_name, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(await BotMapper.ToDtoAsync(bot, context.RequestAborted).ConfigureAwait(false));
        }
        catch (CorralException e)
        {
            return Problems.From(e);
        }
    }
}
