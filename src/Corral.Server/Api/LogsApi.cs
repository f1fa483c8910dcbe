using Corral.Server.Bots;
using Corral.Server.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary>
/// <c>GET /v1/logs</c>: the merged log of every bot (or of those named by <c>bot=</c>), stdout and stderr, each line as
/// <c>name | line</c> (or JSON with its stream); <c>follow=true</c> streams what they write from then on, whole lines interleaved.
/// </summary>
public static class LogsApi
{
    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/logs", MergedAsync).WithTags("bots")
            .WithSummary("Every bot's last lines as 'name | line' (bot= picks bots, stream= stdout or stderr, format=json tags each line); follow=true streams new lines of the bots listed at the start.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/x-ndjson").Problems(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task MergedAsync(
        IBotCatalog supervisor, Watching.ChangeWatcher watcher, TimeProvider time, HttpContext context, [FromQuery] string[]? bot,
        int tail = 20, bool follow = false, string? stream = null, string? format = null, string? since = null)
    {
        var (query, error) = LogQuery.Parse(tail, Contracts.LogTails.PerBotMerged, follow, stream, format, since, time.GetUtcNow());
        if (query is null)
        {
            await Problems.BadRequest(error!).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var wanted = bot is { Length: > 0 } ? bot.ToHashSet(StringComparer.Ordinal) : null;
        var bots = supervisor.Bots.Where(b => wanted is null || wanted.Contains(b.Name)).Select(b => (b.Name, b.LogFile));
        await LogResponse.WriteAsync(context, bots, query, prefixed: true, watcher).ConfigureAwait(false);
    }
}
