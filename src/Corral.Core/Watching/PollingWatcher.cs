using System.Collections.Concurrent;
using Corral.Processes;

namespace Corral.Watching;

/// <summary>Where the kernel gives no notification we can use: one shared timer checks everything at once.</summary>
internal sealed class PollingWatcher : ChangeWatcher
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<object, Action> files = new();
    private readonly ConcurrentDictionary<object, (ProcessId Id, TaskCompletionSource Done)> exits = new();
    private readonly ITimer timer;

    public PollingWatcher(TimeProvider time)
    {
        timer = time.CreateTimer(_ => Tick(), null, Interval, Interval);
    }

    public override IDisposable WatchFile(string path, Action onChange)
    {
        var key = new object();
        files[key] = onChange;
        return new Subscription(() => files.TryRemove(key, out _));
    }

    public override Task WaitExitAsync(ProcessId id, CancellationToken cancel = default)
    {
        if (!ProcessTable.IsAlive(id))
        {
            return Task.CompletedTask;
        }

        var key = new object();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        exits[key] = (id, done);
        cancel.Register(() =>
        {
            exits.TryRemove(key, out _);
            done.TrySetCanceled(cancel);
        });
        return done.Task;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            timer.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Tick()
    {
        CountWakeup();
        foreach (var onChange in files.Values)
        {
            onChange();
        }

        foreach (var (key, (id, done)) in exits)
        {
            if (!ProcessTable.IsAlive(id) && exits.TryRemove(key, out _))
            {
                done.TrySetResult();
            }
        }
    }
}
