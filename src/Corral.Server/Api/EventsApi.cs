using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Corral.Contracts;
using Corral.Server.Bots;
using Corral.Server.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary>
/// <c>GET /v1/events</c>: one <c>snapshot</c> event (every bot, as <c>GET /v1/bots/</c> lists them), then one event per
/// state change, each with an SSE <c>id:</c>. A client that reconnects with <c>Last-Event-ID</c> (browsers' EventSource
/// does so by itself) gets the events it missed instead, or a fresh snapshot when the history no longer reaches back.
/// Also <c>GET /healthz</c>.
/// </summary>
public static class EventsApi
{
    public const string SnapshotKind = "snapshot";

    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/events", Stream).WithTags("events")
            .WithSummary("Server-sent events: a snapshot of every bot, then launched, ready, exited, restarted, stopped, ...; resumable with Last-Event-ID.")
            .Produces<BotEvent>(StatusCodes.Status200OK, "text/event-stream").Problems();
        routes.MapGet("/healthz", (IBotCatalog supervisor, Hosting.ViewSettings settings) =>
            Results.Ok(new HealthDto("ok", supervisor.Bots.Count, supervisor.Containment, settings.Strategy)
            {
                ReadOnly = settings.ReadOnly,
                TokenRequired = settings.TokenRequired,
            }))
            .WithTags("health").Answers<HealthDto>(StatusCodes.Status200OK);
        return routes;
    }

    private static ServerSentEventsResult<string> Stream(
        HttpContext context,
        EventHub hub,
        IBotCatalog supervisor,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        [FromQuery(Name = "last_event_id")] string? lastEventIdQuery)
    {
        var after = long.TryParse(lastEventId ?? lastEventIdQuery, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.ServerSentEvents(ItemsAsync(hub.Subscribe(after), supervisor, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> ItemsAsync(Subscription subscription, IBotCatalog supervisor, [EnumeratorCancellation] CancellationToken cancel)
    {
        using (subscription)
        {
            if (subscription.Missed is { } missed)
            {
                foreach (var numbered in missed)
                {
                    yield return Item(numbered);
                }
            }
            else
            {
                var bots = await BotMapper.ListAsync(supervisor, cancel).ConfigureAwait(false);
                var snapshot = JsonSerializer.Serialize(new BotListDto(bots.Length, bots), ApiJsonContext.Default.BotListDto);
                yield return new SseItem<string>(snapshot, SnapshotKind) { EventId = Id(subscription.LastId), ReconnectionInterval = Reconnect };
            }

            await foreach (var numbered in subscription.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                yield return Item(numbered);
            }
        }
    }

    private static SseItem<string> Item(NumberedEvent numbered) =>
        new(JsonSerializer.Serialize(numbered.Event, ApiJsonContext.Default.BotEvent), numbered.Event.Kind) { EventId = Id(numbered.Id) };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
