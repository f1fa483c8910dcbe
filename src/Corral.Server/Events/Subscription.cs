using System.Threading.Channels;

namespace Corral.Server.Events;

/// <summary>
/// One reader of the event hub: the events it missed (when it resumed from an id the history still holds) and then
/// every new one. <see cref="Missed"/> is null when it must start from a snapshot instead: a fresh reader, or one
/// that fell further behind than the history reaches. Disposing it unsubscribes.
/// </summary>
public sealed class Subscription(ChannelReader<NumberedEvent> live, IReadOnlyList<NumberedEvent>? missed, long lastId, Action unsubscribe) : IDisposable
{
    /// <summary>The id of the last event published before this subscription began (what a snapshot reflects).</summary>
    public long LastId => lastId;

    public IReadOnlyList<NumberedEvent>? Missed => missed;

    /// <summary>New events; the sequence ends when the reader fell too far behind (it reconnects and resumes).</summary>
    public IAsyncEnumerable<NumberedEvent> ReadAllAsync(CancellationToken cancel) => live.ReadAllAsync(cancel);

    public void Dispose() => unsubscribe();
}
