using Corral.Server.Bots;
using Corral.Server.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary>
/// <c>GET /v1/logs</c>: the merged log of every bot (or of those named by <c>bot=</c>), each line as <c>name | line</c>;
/// <c>follow=true</c> streams what they write from then on, whole lines interleaved.
/// </summary>
public static class LogsApi
{
    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/logs", MergedAsync).WithTags("bots")
            .WithSummary("Every bot's last lines as 'name | line' (bot= picks bots); follow=true streams new lines of the bots listed at the start.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Problems(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task MergedAsync(IBotCatalog supervisor, Watching.ChangeWatcher watcher, HttpContext context, [FromQuery] string[]? bot, int tail = 20, bool follow = false)
    {
        if (tail is < 0 or > 10_000)
        {
            await Problems.BadRequest("tail must be between 0 and 10000.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var wanted = bot is { Length: > 0 } ? bot.ToHashSet(StringComparer.Ordinal) : null;
        var bots = supervisor.Bots.Where(b => wanted is null || wanted.Contains(b.Name)).ToList();
        context.Response.ContentType = "text/plain; charset=utf-8";
        using var outputLock = new SemaphoreSlim(1);
        var streams = bots.Select(b => (Bot: b, Lines: new PrefixedLines(context.Response.Body, outputLock, b.Name))).ToList();
        try
        {
            foreach (var (each, lines) in streams)
            {
                await lines.WriteLinesAsync(LogFiles.Tail(each.LogFile, tail), context.RequestAborted).ConfigureAwait(false);
            }

            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (follow)
            {
                await Task.WhenAll(streams.Select(s => LogFiles.FollowAsync(s.Bot.LogFile, s.Lines, watcher, context.RequestAborted))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client hung up: following ends with it.
        }
        finally
        {
            foreach (var (_, lines) in streams)
            {
                await lines.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
