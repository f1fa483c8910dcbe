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
        group.MapGet("/{bot_name}/logs", LogsAsync).WithSummary("The last lines of a bot's stdout, then of its stderr (stream= picks one; format=json tags each line); follow=true streams new ones as written; download=true names it as a file.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/x-ndjson").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
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
        string bot_name, IBotCatalog supervisor, Watching.ChangeWatcher watcher, TimeProvider time, HttpContext context,
        int tail = 200, bool follow = false, bool download = false, string? stream = null, string? format = null, string? since = null)
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

        var (query, error) = LogQuery.Parse(tail, LogTails.PerBot, follow, stream, format, since, time.GetUtcNow());
        if (query is null)
        {
            await Problems.BadRequest(error!).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (download)
        {
            var file = query.Stream == LogSource.Stderr ? Path.GetFileName(Processes.LogNames.StderrOf(bot.LogFile)) : $"{bot.Name}.log";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        }

        await LogResponse.WriteAsync(context, [(bot.Name, bot.LogFile)], query, prefixed: false, watcher).ConfigureAwait(false);
    }
}
