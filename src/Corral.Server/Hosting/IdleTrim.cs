using Corral.Processes;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Hosting;

/// <summary>
/// Trims the daemon's memory once it has been quiet for a moment: after start-up and after each burst of requests,
/// never on a timer while idle (a daemon that runs for weeks beside its bots costs them nothing when nobody calls).
/// Each request or lifecycle event moves the one pending trim later.
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
            LogTrimmed(WorkingSet.Trim() / 1024);
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle: memory trimmed ({Kilobytes} KB of the image's pages given back)")]
    private partial void LogTrimmed(long kilobytes);
}
