namespace Corral.Server.Tests.Support;

/// <summary>
/// Bodies on threads of their own, all held at one gate until <see cref="Release"/>: pool tasks would trickle in, and a
/// race needs every contender at the same moment.
/// </summary>
internal sealed class StartingLine : IDisposable
{
    private readonly ManualResetEventSlim gate = new();
    private readonly List<Thread> threads;

    /// <param name="body">Runs once per thread with its index; it catches what it expects, as a thread's body must.</param>
    public StartingLine(int count, Action<int> body)
    {
        threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            gate.Wait();
            body(i);
        })).ToList();
        threads.ForEach(t => t.Start());
    }

    public void Release() => gate.Set();

    /// <summary>Waits for every body to end, a minute at most: a thread that hangs fails the spec, it does not stall it.</summary>
    public void Join()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        if (threads.Any(t => !t.Join(TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks)))))
        {
            throw new TimeoutException("a thread of the starting line still runs after a minute");
        }
    }

    public void Dispose() => gate.Dispose();
}
