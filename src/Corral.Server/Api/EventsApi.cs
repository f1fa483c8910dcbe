using System.Text.Json;
using Corral.Server.Bots;
using Corral.Server.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Corral.Contracts;

namespace Corral.Server.Api;

/// <summary><c>GET /v1/events</c> (server-sent events of every state change) and <c>GET /healthz</c>.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes, string strategy)
    {
        routes.MapGet("/v1/events", StreamAsync).WithTags("events").WithSummary("Server-sent events: launched, ready, exited, restarted, stopped, ...")
            .Produces<BotEvent>(StatusCodes.Status200OK, "text/event-stream").Problems();
        routes.MapGet("/healthz", (BotSupervisor supervisor) =>
            Results.Ok(new HealthDto("ok", supervisor.Bots.Count, supervisor.Strategy.Containment, strategy)))
            .WithTags("health").Answers<HealthDto>(StatusCodes.Status200OK);
        return routes;
    }

    private static async Task StreamAsync(HttpContext context, EventHub hub)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(": corral events\n\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await foreach (var item in hub.SubscribeAsync(context.RequestAborted).ConfigureAwait(false))
            {
                var json = JsonSerializer.Serialize(item, ApiJsonContext.Default.BotEvent);
                await context.Response.WriteAsync($"event: {item.Kind}\ndata: {json}\n\n", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client hung up.
        }
    }
}
