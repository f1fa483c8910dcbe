using Corral.Processes;
using Corral.Tests.Support;
using Corral.Watching;
using Corral.Server.Tests.Support;

namespace Corral.Tests.Watching;

/// <summary>The watcher learns of writes and exits from the kernel, not from a timer.</summary>
public sealed class ChangeWatcherSpecs
{
    [Fact(Timeout = 30_000)]
    public async Task A_file_created_after_the_watch_began_is_reported_when_written()
    {
        using var watcher = ChangeWatcher.Create();
        using var folder = new TempFolder("corral-watch-");
        var path = folder.File("later.log");
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = watcher.WatchFile(path, () => changed.TrySetResult());

        await File.WriteAllTextAsync(path, "hello\n");

        await changed.Task.WaitAsync(Wait.Long);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_watched_process_is_reported_ended_once_killed()
    {
        using var watcher = ChangeWatcher.Create();
        using var launcher = new ProcessLauncher(Corral.Containment.ContainmentProvider.Detect(), watcher);
        var sleeper = launcher.Start(Dummy.Spec("sleeper", "sleep"));
        try
        {
            var ended = watcher.WaitExitAsync(sleeper.Id);
            await Task.Delay(50);
            Assert.False(ended.IsCompleted);

            await sleeper.StopAsync();

            await ended.WaitAsync(Wait.Long);
        }
        finally
        {
            await sleeper.StopAsync();
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_wakes_every_watch_of_that_file_and_no_watch_of_its_neighbours()
    {
        using var watcher = ChangeWatcher.Create();
        using var folder = new TempFolder("corral-many-");
        var path = folder.File("bot.log");
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neighbours = 0;
        var gone = 0;
        using var a = watcher.WatchFile(path, () => first.TrySetResult());
        using var b = watcher.WatchFile(path, () => second.TrySetResult());
        var dropped = watcher.WatchFile(path, () => Interlocked.Increment(ref gone));
        var others = Enumerable.Range(0, 50).Select(i => watcher.WatchFile(folder.File($"other-{i}.log"), () => Interlocked.Increment(ref neighbours))).ToList();
        dropped.Dispose();

        await File.WriteAllTextAsync(path, "hello\n");

        await Task.WhenAll(first.Task, second.Task).WaitAsync(Wait.Long);
        await Task.Delay(100);
        Assert.Equal(0, Volatile.Read(ref neighbours));
        Assert.Equal(0, Volatile.Read(ref gone));
        others.ForEach(w => w.Dispose());
    }

    [Fact(Timeout = 30_000)]
    public async Task Idle_watches_do_not_wake_the_watcher()
    {
        using var watcher = ChangeWatcher.Create();
        using var folder = new TempFolder("corral-idle-");
        var watches = Enumerable.Range(0, 100).Select(i => watcher.WatchFile(folder.File($"{i}.log"), () => { })).ToList();
        var before = watcher.Wakeups;

        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(before, watcher.Wakeups);
        watches.ForEach(w => w.Dispose());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_write_the_kernel_dropped_when_its_queue_overflowed_still_wakes_its_watch()
    {
        using var watcher = ChangeWatcher.Create();
        using var folder = new TempFolder("corral-overflow-");
        using var stalled = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocker = watcher.WatchFile(folder.File("blocker"), () =>
        {
            // Holds the watcher's thread, so the kernel's queue fills up behind it.
            blocked.TrySetResult();
            stalled.Wait(TimeSpan.FromSeconds(30));
        });
        using var target = watcher.WatchFile(folder.File("target.log"), () => woken.TrySetResult());

        await File.WriteAllTextAsync(folder.File("blocker"), "x");
        await blocked.Task.WaitAsync(Wait.Long);
        var limit = int.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_queued_events"), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i <= limit; i++)
        {
            // Two files in turn: the kernel merges an event identical to the one queued last.
            File.AppendAllText(folder.File($"noise-{i % 2}"), "x");
        }

        await File.WriteAllTextAsync(folder.File("target.log"), "lost in the overflow\n");
        stalled.Set();

        await woken.Task.WaitAsync(Wait.Long);
    }
}
