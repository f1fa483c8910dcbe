using System.Text;
using Corral.Server.Bots;
using Corral.Server.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Corral.Contracts;

namespace Corral.Server.Api;

/// <summary><c>/v1/bots/*</c>: the listing with pid, status and child-process counts, one bot, its logs.</summary>
public static class BotsApi
{
    public static IEndpointRouteBuilder MapBotsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/bots").WithTags("bots");
        group.MapGet("/", ListAsync).WithSummary("Every bot with pid, status, child_processes, ports, restarts, cpu and memory.")
            .Answers<BotListDto>(StatusCodes.Status200OK);
        group.MapGet("/{bot_name}", GetAsync).WithSummary("One bot.")
            .Answers<BotDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound);
        group.MapGet("/{bot_name}/inspect", InspectAsync).WithSummary("One bot with its command, unit and exit history.")
            .Answers<BotDetailDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound);
        group.MapGet("/{bot_name}/logs", LogsAsync).WithSummary("The last lines of a bot's output; follow=true streams new ones; download=true names it as a file.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ListAsync(IBotCatalog supervisor, HttpContext context)
    {
        var bots = await BotMapper.ListAsync(supervisor, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new BotListDto(bots.Length, bots));
    }

    private static async Task<IResult> GetAsync(string bot_name, IBotCatalog supervisor, HttpContext context)
    {
        try
        {
            return Results.Ok(await BotMapper.ToDtoAsync(supervisor.Get(bot_name), context.RequestAborted).ConfigureAwait(false));
        }
        catch (BotNotFoundException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> InspectAsync(string bot_name, IBotCatalog supervisor, HttpContext context)
    {
        try
        {
            var bot = supervisor.Get(bot_name);
            var exits = supervisor.ExitHistory(bot_name).Select(e => new ExitDto(e.At, e.ExitCode, e.Reason)).ToList();
            return Results.Ok(new BotDetailDto(
                await BotMapper.ToDtoAsync(bot, context.RequestAborted).ConfigureAwait(false),
                supervisor.Containment,
                bot.Instance?.Command ?? [],
                exits)
            {
                ConfigJson = bot.ConfigJson,
            });
        }
        catch (BotNotFoundException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task LogsAsync(
        string bot_name, IBotCatalog supervisor, Watching.ChangeWatcher watcher, HttpContext context, int tail = 200, bool follow = false, bool download = false)
    {
        Bot bot;
        try
        {
            bot = supervisor.Get(bot_name);
        }
        catch (BotNotFoundException e)
        {
            await Problems.From(e).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (tail is < 0 or > 100_000)
        {
            await Problems.BadRequest("tail must be between 0 and 100000.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        if (download)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{bot.Name}.log\"";
        }

        var text = string.Concat(LogFiles.Tail(bot.LogFile, tail).Select(l => l + "\n"));
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
        if (!follow)
        {
            return;
        }

        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await LogFiles.FollowAsync(bot.LogFile, context.Response.Body, watcher, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client hung up: following ends with it.
        }
    }
}
