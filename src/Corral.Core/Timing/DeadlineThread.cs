using Corral.Interop.Unix;

namespace Corral.Timing;

/// <summary>
/// Runs brief actions at their deadlines on a thread of its own, so a stop's kill lands on time even when the thread
/// pool is busy: at the end of a stop-all's grace a hundred units wake at once, and on the pool each kill would wait
/// behind the follow-up work (reports, records, folders) of the units killed before it. Actions run one after
/// another and must neither block nor throw. The thread starts with the first deadline and sleeps while none is due.
/// </summary>
public static class DeadlineThread
{
    private static readonly PriorityQueue<Entry, long> Queue = new();
    private static readonly object Gate = new();
    private static Thread? thread;

    /// <summary>Runs <paramref name="action"/> at <paramref name="deadline"/>; disposing the result before then cancels it.</summary>
    public static IDisposable At(Deadline deadline, Action action)
    {
        var entry = new Entry(action);
        lock (Gate)
        {
            Queue.Enqueue(entry, deadline.Timestamp);
            if (thread is null)
            {
                thread = new Thread(Run) { IsBackground = true, Name = "corral-deadlines" };
                thread.Start();
            }

            Monitor.Pulse(Gate);
        }

        return entry;
    }

    private static void Run()
    {
        RaiseOwnPriority();
        while (true)
        {
            Entry due;
            lock (Gate)
            {
                while (true)
                {
                    if (Queue.TryPeek(out _, out var at))
                    {
                        var wait = new Deadline(at).Remaining;
                        if (wait <= TimeSpan.Zero)
                        {
                            due = Queue.Dequeue();
                            break;
                        }

                        Monitor.Wait(Gate, wait);
                    }
                    else
                    {
                        Monitor.Wait(Gate);
                    }
                }
            }

            due.RunUnlessCancelled();
        }
    }

    // At the end of a stop-all's grace the pool is busy with the follow-up work of the units already killed, and on two
    // cores this thread waited its turn behind it: the last of a hundred kills landed 35 ms after the first although
    // their deadlines lay 11 ms apart. A higher weight lets it cut in. Unprivileged, Linux refuses (EACCES): fine.
    private static void RaiseOwnPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Native.SetPriority(Native.PrioProcess, 0, -10);
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
        }
    }

    // A cancelled entry stays queued until its deadline passes, but lets go of its action (and what that holds) at once.
    private sealed class Entry(Action action) : IDisposable
    {
        private Action? action = action;

        public void RunUnlessCancelled() => Interlocked.Exchange(ref action, null)?.Invoke();

        public void Dispose() => Interlocked.Exchange(ref action, null);
    }
}
