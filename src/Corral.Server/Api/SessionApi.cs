using System.Security.Cryptography;
using System.Text;
using Corral.Contracts;
using Corral.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Api;

/// <summary>
/// <c>POST /v1/session</c>: the dashboard's login. The token, once checked, goes back as an HttpOnly, SameSite=Strict
/// cookie (no script can read it; no other site's request carries it); <c>DELETE</c> forgets it.
/// </summary>
public static class SessionApi
{
    public const string Path = "/v1/session";
    public const string Cookie = "corral_token";

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, LogIn).WithTags("session").WithSummary("Dashboard login: {\"token\": \"...\"} sets an HttpOnly cookie.")
            .Accepts<SessionRequest>("application/json").Produces(StatusCodes.Status204NoContent).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        routes.MapDelete(Path, (HttpContext context) =>
        {
            context.Response.Cookies.Delete(Cookie, Options(context));
            return Results.NoContent();
        }).WithTags("session").WithSummary("Dashboard logout.").Produces(StatusCodes.Status204NoContent).Problems();
        return routes;
    }

    private static async Task<IResult> LogIn(HttpContext context, ViewSettings settings)
    {
        var (body, error) = await RequestBody.ReadAsync(context.Request, ApiJsonContext.Default.SessionRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(settings.Token))
        {
            return Results.NoContent();
        }

        if (!Matches(body!.Token, settings.Token))
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Wrong token.");
        }

        context.Response.Cookies.Append(Cookie, body.Token ?? "", Options(context));
        return Results.NoContent();
    }

    /// <summary>The token check of every request (header or cookie) and of the login: in constant time.</summary>
    public static bool Matches(string? given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(expected));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
    };
}
