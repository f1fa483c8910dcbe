using Corral.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Hosting;

/// <summary>
/// With a token set, every request needs <c>Authorization: Bearer TOKEN</c> or the dashboard's session cookie, except
/// <c>/healthz</c>, the login itself and the dashboard's own files (the page must load to ask for the token).
/// </summary>
internal static class TokenAuthentication
{
    public static void UseBearerToken(this WebApplication app, string token)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path == "/healthz" || path == SessionApi.Path || Dashboard.DashboardFiles.IsPage(path))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : context.Request.Cookies[SessionApi.Cookie];
            if (!SessionApi.Matches(given, token))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Send the daemon's token as 'Authorization: Bearer TOKEN'.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }
}
