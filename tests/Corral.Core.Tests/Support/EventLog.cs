using Corral.Supervision;

namespace Corral.Tests.Support;

/// <summary>Collects a lifecycle's events and lets a test wait for one (with a limit, so a bug fails instead of hanging).</summary>
internal sealed class EventLog
{
    private readonly List<UnitEvent> events = [];
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<UnitEvent> All
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public IReadOnlyList<UnitEventKind> Kinds => All.Select(e => e.Kind).ToList();

    public void Add(UnitEvent e)
    {
        TaskCompletionSource done;
        lock (gate)
        {
            events.Add(e);
            done = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> events of <paramref name="kind"/> have been seen.</summary>
    public async Task<UnitEvent> WaitForAsync(UnitEventKind kind, int count = 1)
    {
        var until = DateTime.UtcNow + Wait.Long;
        while (true)
        {
            Task next;
            lock (gate)
            {
                var matching = events.Where(e => e.Kind == kind).ToList();
                if (matching.Count >= count)
                {
                    return matching[count - 1];
                }

                next = changed.Task;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"no {count}. {kind} event; seen: {string.Join(", ", Kinds)}");
            }

            await next.WaitAsync(Wait.Long);
        }
    }
}
