using Corral.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Hosting;

/// <summary>
/// What every state-changing request must pass. Cross-site: a page on another site must not drive the daemon through
/// the operator's browser (an open loopback daemon included), so a request a browser marks as coming from another
/// origin (<c>Sec-Fetch-Site</c>, else an <c>Origin</c> that is not this host) is refused; clients that are not browsers
/// send neither. Read-only: with <c>--read-only</c> nothing may change (403), whoever asks.
/// </summary>
internal static class RequestGuards
{
    public static void UseRequestGuards(this WebApplication app, bool readOnly)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsDelete(request.Method) && !HttpMethods.IsPatch(request.Method))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            if (IsCrossSite(request))
            {
                await Problems.Problem(StatusCodes.Status403Forbidden, "Cross-site request refused",
                    "A page of another origin may not change this daemon.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (readOnly && !request.Path.StartsWithSegments(SessionApi.Path))
            {
                await Problems.Problem(StatusCodes.Status403Forbidden, "Read-only daemon",
                    "This daemon was started with --read-only: it shows its bots but changes nothing.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
