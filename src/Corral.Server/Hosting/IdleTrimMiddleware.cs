using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Hosting;

/// <summary>Every request moves the idle trim later.</summary>
public static class IdleTrimMiddleware
{
    public static IApplicationBuilder UseIdleTrim(this IApplicationBuilder app, IdleTrim trim) =>
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                trim.Touch();
            }
        });
}
