using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Corral.Server.Api;

/// <summary>
/// The answer to a request no endpoint took: 405 with <c>Allow</c> when the path is known and only the method is
/// wrong (the catch-all would otherwise turn it into a 404), else 404. Both as problem details.
/// </summary>
internal static class Fallback
{
    public static IResult Answer(HttpContext context, EndpointDataSource endpoints)
    {
        var path = context.Request.Path;
        var allowed = endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null && Matches(e, path))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (allowed.Count == 0)
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "Not found", "No such endpoint; see /openapi/v1.json.");
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Problems.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
            $"{context.Request.Method} is not allowed on {path}; allowed: {string.Join(", ", allowed)}.");
    }

    private static bool Matches(RouteEndpoint endpoint, PathString path) =>
        new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary());
}
