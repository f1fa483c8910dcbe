using System.Text.Json;
using Corral.Contracts;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Logs;

/// <summary>
/// Writes the logs of one bot or many into a response: each file's last lines (stdout before stderr, bot after bot:
/// the files keep no time, so only what is followed interleaves as it is written), then, when following, every line
/// as it arrives, whole.
/// </summary>
internal static class LogResponse
{
    public static async Task WriteAsync(
        HttpContext context, IEnumerable<(string Bot, string LogFile)> bots, LogQuery query, bool prefixed, Watching.ChangeWatcher watcher)
    {
        var cancel = context.RequestAborted;
        context.Response.ContentType = query.Json ? "application/x-ndjson; charset=utf-8" : "text/plain; charset=utf-8";
        using var outputLock = new SemaphoreSlim(1);
        var files = bots
            .SelectMany(bot => LogSource.Of(bot.LogFile, query.Stream)
                .Select(source => (Source: source, Lines: new LineStream(context.Response.Body, outputLock, Format(bot.Bot, source, query.Json, prefixed)))))
            .ToList();
        try
        {
            foreach (var (source, lines) in files)
            {
                var from = query.Since is { } since ? Processes.LogTimelines.Find(source.Path)?.OffsetSince(since) ?? 0 : 0;
                await lines.WriteLinesAsync(LogFiles.Tail(source.Path, query.Tail, from), cancel).ConfigureAwait(false);
            }

            await context.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
            if (query.Follow)
            {
                await Task.WhenAll(files.Select(f => LogFiles.FollowAsync(f.Source.Path, f.Lines, watcher, cancel))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client hung up: following ends with it.
        }
        finally
        {
            foreach (var (_, lines) in files)
            {
                await lines.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static Func<string, string> Format(string bot, LogSource source, bool json, bool prefixed) =>
        json ? line => JsonSerializer.Serialize(new LogLineDto(bot, source.Stream, line), ApiJsonContext.Default.LogLineDto)
        : prefixed ? line => $"{bot} | {line}"
        : line => line;
}
