namespace Corral.Processes;

/// <summary>
/// Keeps the last lines of a process's output and hands every new line to subscribers; a new subscriber first
/// gets the lines already kept, under the same lock, so no line falls between "read the past" and "subscribe".
/// </summary>
public sealed class OutputBuffer(int capacity = 200)
{
    private readonly Queue<OutputLine> lines = new();
    private readonly List<Action<OutputLine>> subscribers = [];
    private readonly Lock gate = new();

    public void Add(OutputLine line)
    {
        Action<OutputLine>[] targets;
        lock (gate)
        {
            lines.Enqueue(line);
            if (lines.Count > capacity)
            {
                lines.Dequeue();
            }

            targets = [.. subscribers];
        }

        foreach (var target in targets)
        {
            target(line);
        }
    }

    public IReadOnlyList<OutputLine> Tail(int count)
    {
        lock (gate)
        {
            return lines.Skip(Math.Max(0, lines.Count - count)).ToList();
        }
    }

    public IDisposable Subscribe(Action<OutputLine> subscriber, bool replay = true)
    {
        lock (gate)
        {
            if (replay)
            {
                foreach (var line in lines)
                {
                    subscriber(line);
                }
            }

            subscribers.Add(subscriber);
        }

        return new Subscription(this, subscriber);
    }

    private sealed class Subscription(OutputBuffer owner, Action<OutputLine> subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.subscribers.Remove(subscriber);
            }
        }
    }
}
