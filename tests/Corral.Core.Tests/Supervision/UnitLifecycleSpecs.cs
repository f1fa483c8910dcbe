using Corral.Execution;
using Corral.Fleet;
using Corral.Processes;
using Corral.Supervision;
using Corral.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Tests.Supervision;

/// <summary>The lifecycle engine's decisions, with a hand-written strategy and a fake clock: fast and exact.</summary>
public sealed class UnitLifecycleSpecs : IDisposable
{
    private static readonly RestartSpec OnFailure = new(RestartPolicyKind.OnFailure)
    {
        Max = 2,
        Backoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(4),
        ResetAfter = TimeSpan.FromMinutes(1),
    };

    private readonly FakeStrategy strategy = new();
    private readonly FakeTimeProvider time = new();
    private readonly EventLog events = new();

    public void Dispose() => strategy.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task A_crash_waits_out_the_backoff_on_the_clock_then_restarts()
    {
        var unit = Lifecycle(OnFailure);
        await unit.StartAsync(default);

        strategy.Started[0].Exit(3);
        await events.WaitForAsync(UnitEventKind.Backoff);

        Assert.Equal(UnitStatus.Backoff, unit.Status);
        Assert.Equal(3, unit.ExitCode);
        Assert.Single(strategy.Started);

        time.Advance(TimeSpan.FromSeconds(2));
        var restarted = await events.WaitForAsync(UnitEventKind.Restarted);

        Assert.Equal(2, strategy.Started.Count);
        Assert.Equal(strategy.Started[1].Pid, restarted.Pid);
        Assert.Equal(UnitStatus.Running, unit.Status);
        Assert.Equal(1, unit.Restarts);
    }

    [Fact(Timeout = 30_000)]
    public async Task After_max_restarts_the_unit_is_failed_and_not_started_again()
    {
        var unit = Lifecycle(OnFailure);
        await unit.StartAsync(default);

        for (var run = 0; run < 3; run++)
        {
            await events.WaitForAsync(UnitEventKind.Launched, run + 1);
            strategy.Started[run].Exit(1);
            await events.WaitForAsync(UnitEventKind.Exited, run + 1);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var failed = await events.WaitForAsync(UnitEventKind.Failed);

        Assert.Equal("gave up after 2 restarts", failed.Detail);
        Assert.Equal(UnitStatus.Failed, unit.Status);
        Assert.Equal(3, strategy.Started.Count);
        Assert.Equal(2, unit.Restarts);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_clean_exit_under_on_failure_is_not_restarted()
    {
        var unit = Lifecycle(OnFailure);
        await unit.StartAsync(default);

        strategy.Started[0].Exit(0);
        var exited = await events.WaitForAsync(UnitEventKind.Exited);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(UnitStatus.Exited, exited.Status);
        Assert.Equal(UnitStatus.Exited, unit.Status);
        Assert.Single(strategy.Started);
        Assert.DoesNotContain(UnitEventKind.Backoff, events.Kinds);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_run_longer_than_reset_after_forgets_earlier_failures()
    {
        var unit = Lifecycle(OnFailure with { Max = 1 });
        await unit.StartAsync(default);
        strategy.Started[0].Exit(1);
        await events.WaitForAsync(UnitEventKind.Backoff);
        time.Advance(TimeSpan.FromSeconds(2));
        await events.WaitForAsync(UnitEventKind.Restarted);
        Assert.Equal(1, unit.ConsecutiveFailures);

        // The second run lasts longer than reset_after: its crash is a first failure again, so it is restarted.
        time.Advance(TimeSpan.FromMinutes(2));
        strategy.Started[1].Exit(1);
        await events.WaitForAsync(UnitEventKind.Backoff, 2);

        Assert.Equal(0, unit.ConsecutiveFailures);
        Assert.Equal(UnitStatus.Backoff, unit.Status);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stop_during_backoff_cancels_the_pending_restart()
    {
        var unit = Lifecycle(OnFailure);
        await unit.StartAsync(default);
        strategy.Started[0].Exit(2);
        await events.WaitForAsync(UnitEventKind.Backoff);

        await unit.StopAsync();
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(UnitStatus.Stopped, unit.Status);
        Assert.Single(strategy.Started);
        Assert.DoesNotContain(UnitEventKind.Restarted, events.Kinds);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stop_that_cannot_prove_the_unit_empty_ends_failed_with_its_survivors()
    {
        strategy.ProveEmpty = false;
        var unit = Lifecycle(RestartSpec.Never);
        await unit.StartAsync(default);

        var report = await unit.StopAsync();

        Assert.NotNull(report);
        Assert.False(report.ProvenEmpty);
        Assert.Equal(UnitStatus.Failed, unit.Status);
        Assert.False(unit.IsActive);
        var failed = events.All.Single(e => e.Kind == UnitEventKind.Failed);
        Assert.Same(report, failed.Report);
        Assert.Contains("stubborn --forever", failed.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(UnitEventKind.Stopped, events.Kinds);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restart_that_fails_in_the_background_marks_the_unit_failed_instead_of_leaving_it_in_backoff()
    {
        var unit = Lifecycle(OnFailure);
        await unit.StartAsync(default);
        strategy.FailStarts = new IOException("the engine went away");

        strategy.Started[0].Exit(1);
        await events.WaitForAsync(UnitEventKind.Backoff);
        time.Advance(TimeSpan.FromSeconds(10));
        var failed = await events.WaitForAsync(UnitEventKind.Failed);

        Assert.Equal("the engine went away", failed.Detail);
        Assert.Equal(UnitStatus.Failed, unit.Status);
        Assert.Equal("the engine went away", unit.LastError);
    }

    [Fact(Timeout = 30_000)]
    public async Task Fleet_teardown_stops_independent_processes_at_once_and_a_dependency_only_after_its_dependents()
    {
        var spec = new FleetSpec([
            Fake("db"),
            Fake("api") with { DependsOn = ["db"] },
            Fake("worker-a"),
            Fake("worker-b"),
        ]);
        var apiStopped = new TaskCompletionSource();
        strategy.StopGates["api"] = apiStopped.Task;
        var fleet = await Corral.Fleet.Fleet.UpAsync(spec, new FleetOptions { Strategies = new Dictionary<string, IExecutionStrategy> { ["fake"] = strategy } }, default);

        var down = fleet.DownAsync();
        await Wait.UntilAsync(() => strategy.Log.Contains("stopped worker-a") && strategy.Log.Contains("stopped worker-b"), "the independent workers stop");

        // The workers did not wait for anything; db waits for api, which is still stopping.
        Assert.Contains("stop api", strategy.Log);
        Assert.DoesNotContain("stop db", strategy.Log);

        apiStopped.SetResult();
        var report = await down.WaitAsync(Wait.Long);

        var log = strategy.Log.ToList();
        Assert.True(log.IndexOf("stopped api") < log.IndexOf("stop db"));
        Assert.Equal(4, report.Processes.Count);
        Assert.True(report.ProvenEmpty);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fleet_process_with_a_restart_block_is_restarted_by_the_same_engine()
    {
        var spec = new FleetSpec([Fake("flaky") with { Restart = OnFailure with { Backoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) } }]);
        var fleetEvents = new EventLog();
        await using var fleet = await Corral.Fleet.Fleet.UpAsync(
            spec,
            new FleetOptions { Strategies = new Dictionary<string, IExecutionStrategy> { ["fake"] = strategy }, OnEvent = fleetEvents.Add },
            default);

        strategy.Started[0].Exit(1);
        await fleetEvents.WaitForAsync(UnitEventKind.Restarted);

        Assert.Equal(2, strategy.Started.Count);
        Assert.Same(strategy.Started[1], fleet.Members.Single().Unit);
    }

    private static ProcessSpec Fake(string name) => new(name, ["fake"]) { Strategy = "fake" };

    private UnitLifecycle Lifecycle(RestartSpec restart) =>
        new("unit", strategy, () => new UnitRequest(new ProcessSpec("unit", ["fake"]), new LaunchSpec("unit", ["fake"])) { UnitName = "unit" }, new LifecycleOptions
        {
            Restart = restart,
            Time = time,
            Random = new Random(7),
            OnEvent = events.Add,
        });
}
