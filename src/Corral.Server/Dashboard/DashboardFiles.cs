using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Dashboard;

/// <summary>
/// The dashboard: a page and its script and style, embedded in the assembly (no CDN, no files beside the binary: it
/// works on an air-gapped host and in a single-file corral). Served at <c>/</c> and <c>/dashboard/*</c> with a content
/// security policy that allows only these files.
/// </summary>
public static class DashboardFiles
{
    private const string Prefix = "/dashboard/";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Files = new Dictionary<string, (string, string)>
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        [Prefix + "app.js"] = ("app.js", "text/javascript; charset=utf-8"),
        [Prefix + "app.css"] = ("app.css", "text/css; charset=utf-8"),
        [Prefix + "favicon.svg"] = ("favicon.svg", "image/svg+xml"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A path of the dashboard's own files, which load without a token (the page asks for it).</summary>
    public static bool IsPage(PathString path) => path.HasValue && Files.ContainsKey(path.Value!);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        foreach (var (path, file) in Files)
        {
            routes.MapGet(path, (HttpContext context) => ServeAsync(context, file.Resource, file.ContentType)).ExcludeFromDescription();
        }

        return routes;
    }

    private static async Task ServeAsync(HttpContext context, string resource, string contentType)
    {
        await using var content = typeof(DashboardFiles).Assembly.GetManifestResourceStream("Corral.Dashboard." + resource)
            ?? throw new InvalidOperationException($"The dashboard file {resource} is not embedded in this build.");
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Content-Security-Policy"] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        await content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
