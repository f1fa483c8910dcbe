using System.Threading.Channels;
using Corral.Contracts;

namespace Corral.Server.Events;

/// <summary>
/// Fans every bot event out to every subscriber. Each subscriber has its own bounded channel: a slow reader loses
/// its oldest events instead of slowing the supervisor down.
/// </summary>
public sealed class EventHub
{
    private readonly List<Channel<BotEvent>> subscribers = [];
    private readonly Lock gate = new();

    /// <summary>Raised after every event, for what only needs to know that something happened (the idle trim).</summary>
    public event Action? Published;

    public void Publish(BotEvent botEvent)
    {
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(botEvent);
            }
        }

        Published?.Invoke();
    }

    public async IAsyncEnumerable<BotEvent> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<BotEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate)
        {
            subscribers.Add(channel);
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(channel);
            }
        }
    }
}
