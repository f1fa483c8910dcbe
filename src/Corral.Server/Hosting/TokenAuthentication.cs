using System.Security.Cryptography;
using System.Text;
using Corral.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Hosting;

/// <summary>With a token set, every request but <c>/healthz</c> needs <c>Authorization: Bearer TOKEN</c>.</summary>
internal static class TokenAuthentication
{
    public static void UseBearerToken(this WebApplication app, string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/healthz")
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(header[7..]) : [];
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
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
