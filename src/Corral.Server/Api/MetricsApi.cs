using Corral.Server.Bots;
using Corral.Server.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary><c>GET /metrics</c>: Prometheus text exposition of every bot and of the daemon itself.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", ScrapeAsync).WithTags("metrics").WithSummary("Prometheus metrics (text exposition format 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Problems();
        return routes;
    }

    private static async Task ScrapeAsync(HttpContext context, IBotCatalog supervisor, CorralMetrics metrics)
    {
        var bots = await BotMapper.ListAsync(supervisor, context.RequestAborted).ConfigureAwait(false);
        metrics.Refresh(bots);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
