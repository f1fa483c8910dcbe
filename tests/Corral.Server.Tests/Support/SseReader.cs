namespace Corral.Server.Tests.Support;

/// <summary>One server-sent event as it came over the wire.</summary>
public sealed record SseFrame(string? Id, string Kind, string Data);

/// <summary>Reads <c>GET /v1/events</c> frame by frame (id, event, data), with a timeout on every frame.</summary>
public sealed class SseReader(StreamReader reader)
{
    public async Task<SseFrame> NextAsync()
    {
        string? id = null;
        string kind = "message";
        var data = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
                ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new SseFrame(id, kind, string.Join('\n', data));
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": kind = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    /// <summary>Frames up to and including the first of kind <paramref name="last"/>.</summary>
    public async Task<List<SseFrame>> UntilAsync(string last)
    {
        var frames = new List<SseFrame>();
        while (frames.Count == 0 || frames[^1].Kind != last)
        {
            frames.Add(await NextAsync());
        }

        return frames;
    }
}
