using Corral.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Hosting;

/// <summary>
/// Trims the daemon's memory once it has been quiet for a moment: after start-up and after each burst of requests,
/// never on a timer while idle (a daemon that runs for weeks beside its bots costs them nothing when nobody calls).
/// Each request moves the one pending trim later; a trim that finds the daemon busy again simply waits for the next.
/// </summary>
public sealed partial class IdleTrim : IDisposable
{
    /// <summary>How long the daemon stays quiet before it trims.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly Timer timer;
    private readonly ILogger<IdleTrim> log;
    private int busy;

    public IdleTrim(ILogger<IdleTrim> log)
    {
        this.log = log;
        timer = new Timer(_ => Trim(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many trims ran: a test can see one happen without reading the clock.</summary>
    public int Trims { get; private set; }

    /// <summary>Something happened: the trim waits until nothing has for <see cref="Quiet"/>.</summary>
    public void Touch() => timer.Change(Quiet, Timeout.InfiniteTimeSpan);

    public void Dispose() => timer.Dispose();

    private void Trim()
    {
        if (Interlocked.Exchange(ref busy, 1) == 1)
        {
            return;
        }

        try
        {
            var dropped = WorkingSet.Trim();
            Trims++;
            LogTrimmed(dropped / 1024);
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle: memory trimmed ({Kilobytes} KB of the image's pages given back)")]
    private partial void LogTrimmed(long kilobytes);
}

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
