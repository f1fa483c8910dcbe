using System.Globalization;

namespace Corral.Server.Logs;

/// <summary>
/// What a log request asks for: the last <see cref="Tail"/> lines of each stream, then (<see cref="Follow"/>) what is
/// written from then on; <see cref="Stream"/> picks stdout or stderr (null: both); <see cref="Json"/> writes one
/// <c>{"bot", "stream", "line"}</c> object per line instead of the bare text; <see cref="Since"/> leaves out what was
/// written before it (to about a second, as far as this process saw the lines arrive: older lines of unknown time stay).
/// </summary>
public sealed record LogQuery(int Tail, bool Follow, string? Stream, bool Json)
{
    public DateTimeOffset? Since { get; init; }

    /// <summary>The query, or the reason it is refused (a 400). <paramref name="since"/>: a duration back from <paramref name="now"/> (5m, 1h30m) or a time (2026-11-24T10:00:00Z).</summary>
    public static (LogQuery? Query, string? Error) Parse(
        int tail, int maxTail, bool follow, string? stream, string? format, string? since, DateTimeOffset now)
    {
        if (tail < 0 || tail > maxTail)
        {
            return (null, $"tail must be between 0 and {maxTail}.");
        }

        if (stream is not (null or "all" or LogSource.Stdout or LogSource.Stderr))
        {
            return (null, $"stream must be stdout, stderr or all, not '{stream}'.");
        }

        if (format is not (null or "text" or "json"))
        {
            return (null, $"format must be text or json, not '{format}'.");
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (Config.Duration.TryParse(since, out var back))
            {
                from = now - back;
            }
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                from = at;
            }
            else
            {
                return (null, $"since must be a duration such as 5m or 1h30m, or a time such as 2026-11-24T10:00:00Z, not '{since}'.");
            }
        }

        return (new LogQuery(tail, follow, stream == "all" ? null : stream, format == "json") { Since = from }, null);
    }
}
