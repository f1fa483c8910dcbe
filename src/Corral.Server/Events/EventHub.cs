using System.Threading.Channels;
using Corral.Contracts;

namespace Corral.Server.Events;

/// <summary>
/// Numbers every bot event, keeps the last <see cref="HistoryLimit"/> of them so a client that reconnects with
/// <c>Last-Event-ID</c> gets what it missed, and fans each event out to every subscriber. A subscriber that falls a
/// full buffer behind is cut off rather than slowing the supervisor down or silently losing events: its stream
/// ends, and it resumes from its last id (from the history, or from a fresh snapshot when that is gone too).
/// </summary>
public sealed class EventHub
{
    public const int HistoryLimit = 1000;
    private const int BufferPerSubscriber = 1000;

    private readonly List<Channel<NumberedEvent>> subscribers = [];
    private readonly Queue<NumberedEvent> history = new();
    private readonly Lock gate = new();
    // Ids start at the daemon's start time in microseconds, so those of an earlier daemon are older than any of this
    // one's: a client resuming across a daemon restart gets a snapshot, never another daemon's events by number.
    private long lastId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <summary>Raised after every event, for what only needs to know that something happened (the idle trim).</summary>
    public event Action? Published;

    public void Publish(BotEvent botEvent)
    {
        lock (gate)
        {
            var numbered = new NumberedEvent(++lastId, botEvent);
            history.Enqueue(numbered);
            if (history.Count > HistoryLimit)
            {
                history.Dequeue();
            }

            foreach (var subscriber in subscribers)
            {
                if (!subscriber.Writer.TryWrite(numbered))
                {
                    subscriber.Writer.TryComplete();
                }
            }
        }

        Published?.Invoke();
    }

    /// <summary>
    /// Starts a subscription; with <paramref name="after"/> (the last id a client saw) it carries the events since
    /// then, when the history still holds all of them.
    /// </summary>
    public Subscription Subscribe(long? after)
    {
        var channel = Channel.CreateBounded<NumberedEvent>(new BoundedChannelOptions(BufferPerSubscriber) { SingleReader = true });
        lock (gate)
        {
            subscribers.Add(channel);
            var oldest = history.TryPeek(out var first) ? first.Id : lastId + 1;
            var missed = after is { } id && id <= lastId && id >= oldest - 1
                ? history.Where(e => e.Id > id).ToList()
                : null;
            return new Subscription(channel.Reader, missed, lastId, () =>
            {
                lock (gate)
                {
                    subscribers.Remove(channel);
                }
            });
        }
    }
}
