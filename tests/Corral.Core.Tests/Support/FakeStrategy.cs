using Corral.Containment;
using Corral.Execution;
using Corral.Processes;

namespace Corral.Tests.Support;

/// <summary>
/// A hand-written strategy for fast engine-logic tests: units that exit and stop when the test says so, and a log
/// of what was started and stopped in which order. Real processes are tested elsewhere; this tests decisions.
/// </summary>
internal sealed class FakeStrategy : IExecutionStrategy, IDisposable
{
    private readonly ProcessLauncher probes = new(ContainmentProvider.Detect(ContainmentPreference.Session));
    private readonly Lock gate = new();
    private readonly List<FakeUnit> started = [];
    private readonly List<string> log = [];

    public string Name => "fake";

    public string Containment => "fake";

    public ProcessLauncher ProbeLauncher => probes;

    /// <summary>Makes the next starts fail with this error (null: succeed).</summary>
    public Exception? FailStarts { get; set; }

    /// <summary>What the next units' stops report: proven empty or not.</summary>
    public bool ProveEmpty { get; set; } = true;

    /// <summary>Stops of units with this name wait for this task before they report.</summary>
    public Dictionary<string, Task> StopGates { get; } = [];

    public IReadOnlyList<FakeUnit> Started
    {
        get
        {
            lock (gate)
            {
                return [.. started];
            }
        }
    }

    /// <summary>"start NAME", "stop NAME", "stopped NAME" in the order they happened.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (gate)
            {
                return [.. log];
            }
        }
    }

    public UnitRecord Plan(UnitRequest request) =>
        new(request.UnitName, null, null, request.UnitName, "fake:" + request.UnitName, null, request.Launch.LogFile);

    public Task<IUnitHandle> StartAsync(UnitRequest request, CancellationToken cancel)
    {
        if (FailStarts is { } failure)
        {
            return Task.FromException<IUnitHandle>(failure);
        }

        lock (gate)
        {
            var unit = new FakeUnit(this, request.Launch.DisplayName, 1000 + started.Count, ProveEmpty);
            started.Add(unit);
            log.Add("start " + unit.DisplayName);
            return Task.FromResult<IUnitHandle>(unit);
        }
    }

    public Task<IUnitHandle?> ReattachAsync(UnitRecord record, UnitRequest? request, CancellationToken cancel) => Task.FromResult<IUnitHandle?>(null);

    public Task<IReadOnlyList<int>> CleanupAsync(UnitRecord record, CancellationToken cancel) => Task.FromResult<IReadOnlyList<int>>([]);

    public void Cleanup()
    {
    }

    public void Dispose() => probes.Dispose();

    internal void Write(string entry)
    {
        lock (gate)
        {
            log.Add(entry);
        }
    }
}

/// <summary>One fake unit: it exits when <see cref="Exit"/> is called, and its stop reports what the strategy says.</summary>
internal sealed class FakeUnit(FakeStrategy strategy, string name, int pid, bool proveEmpty) : IUnitHandle
{
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private Task<StopReport>? stopping;

    public string DisplayName => name;

    public int Pid => pid;

    public bool HasExited => exited.Task.IsCompleted;

    public Task<int> Exited => exited.Task;

    public OutputBuffer Output { get; } = new();

    public string? WorkingDirectory => null;

    public string UnitId => $"fake-{pid}";

    public string Location => "fake";

    public ulong? StartTime => 1;

    public bool IsAdopted => false;

    public IReadOnlyList<string> Command => ["fake"];

    public void Exit(int code) => exited.TrySetResult(code);

    public Task<UnitStats> StatsAsync(CancellationToken cancel) => Task.FromResult(default(UnitStats));

    public Task<StopReport> StopAsync(CancellationToken hurry = default)
    {
        lock (gate)
        {
            return stopping ??= StopCoreAsync();
        }
    }

    private async Task<StopReport> StopCoreAsync()
    {
        strategy.Write("stop " + name);
        if (strategy.StopGates.TryGetValue(name, out var wait))
        {
            await wait;
        }

        var code = HasExited ? await exited.Task : 143;
        exited.TrySetResult(code);
        strategy.Write("stopped " + name);
        IReadOnlyList<Survivor> survivors = proveEmpty ? [] : [new Survivor(pid + 1, 7, "stubborn --forever")];
        return new StopReport(name, pid, ContainmentKind.Session, "SIGTERM", TimeSpan.FromSeconds(1), [], [], [], code, TimeSpan.Zero, proveEmpty)
        {
            Survivors = survivors,
        };
    }
}
