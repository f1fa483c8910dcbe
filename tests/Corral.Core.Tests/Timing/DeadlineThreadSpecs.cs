using Corral.Tests.Support;
using Corral.Timing;

namespace Corral.Core.Tests.Timing;

/// <summary>The deadline thread runs what is due in deadline order, on its own thread, and never what was cancelled.</summary>
public sealed class DeadlineThreadSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Due_actions_run_in_deadline_order_off_the_pool_and_cancelled_ones_never()
    {
        var ran = new List<string>();
        var threads = new List<bool>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Record(string name)
        {
            lock (ran)
            {
                ran.Add(name);
                threads.Add(Thread.CurrentThread.IsThreadPoolThread);
            }
        }

        using var later = DeadlineThread.At(Deadline.In(TimeSpan.FromMilliseconds(300)), () => { Record("later"); last.SetResult(); });
        using var cancelled = DeadlineThread.At(Deadline.In(TimeSpan.FromMilliseconds(100)), () => Record("cancelled"));
        using var sooner = DeadlineThread.At(Deadline.In(TimeSpan.FromMilliseconds(50)), () => Record("sooner"));
        cancelled.Dispose();

        await last.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["sooner", "later"], ran);
        Assert.All(threads, onPool => Assert.False(onPool));
    }

    // Its kills must cut in ahead of the pool's follow-up work at the end of a stop-all's grace (issue 9, S5).
    [RootOnLinuxFact(Timeout = 180_000)]
    public async Task Due_actions_run_with_a_higher_scheduling_weight_than_the_pool()
    {
        var nice = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var probe = DeadlineThread.At(Deadline.In(TimeSpan.Zero), () => nice.SetResult(NiceOfCurrentThread()));

        var deadlineNice = await nice.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(-10, deadlineNice);
        Assert.True(await Task.Run(NiceOfCurrentThread) > deadlineNice);
    }

    // Field 19 of /proc/thread-self/stat, counted after the command name's closing parenthesis (which may hold spaces).
    private static int NiceOfCurrentThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
