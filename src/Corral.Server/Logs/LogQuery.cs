namespace Corral.Server.Logs;

/// <summary>
/// What a log request asks for: the last <see cref="Tail"/> lines of each stream, then (<see cref="Follow"/>) what is
/// written from then on; <see cref="Stream"/> picks stdout or stderr (null: both); <see cref="Json"/> writes one
/// <c>{"bot", "stream", "line"}</c> object per line instead of the bare text.
/// </summary>
public sealed record LogQuery(int Tail, bool Follow, string? Stream, bool Json)
{
    /// <summary>The query, or the reason it is refused (a 400).</summary>
    public static (LogQuery? Query, string? Error) Parse(int tail, int maxTail, bool follow, string? stream, string? format)
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

        return (new LogQuery(tail, follow, stream == "all" ? null : stream, format == "json"), null);
    }
}
