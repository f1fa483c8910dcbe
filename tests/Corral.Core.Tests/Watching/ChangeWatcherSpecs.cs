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
}
