using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Corral.Containment;
using Corral.Exceptions;
using Corral.Execution;
using Corral.Processes;
using Corral.Supervision;

namespace Corral.Fleet;

/// <summary>
/// A running fleet. <see cref="UpAsync(FleetSpec, FleetOptions, CancellationToken)"/> starts processes in
/// dependency order and returns once every one is ready; disposing it tears everything down in reverse order.
/// If start-up fails or is cancelled, everything already started is torn down before the exception surfaces.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    private readonly FleetSpec spec;
    private readonly FleetOptions options;
    private readonly IReadOnlyList<ProcessSpec> order;
    private readonly IReadOnlyDictionary<string, int[]> ports;
    private readonly ProcessLauncher launcher;
    private readonly LocalStrategy local;
    private readonly List<FleetMember> members = [];
    private readonly Lock gate = new();
    private Task<FleetStopReport>? down;

    private Fleet(FleetSpec spec, FleetOptions options, IReadOnlyList<ProcessSpec> order, IReadOnlyDictionary<string, int[]> ports)
    {
        this.spec = spec;
        this.options = options;
        this.order = order;
        this.ports = ports;
        launcher = new ProcessLauncher(ContainmentProvider.Detect(options.Containment), options.Watcher);
        local = new LocalStrategy(launcher);
    }

    public ContainmentProvider Containment => launcher.Containment;

    /// <summary>The watcher this fleet's processes report through; lives as long as the fleet.</summary>
    public Watching.ChangeWatcher Watcher => launcher.Watcher;

    /// <summary>Every launched replica, in start order.</summary>
    public IReadOnlyList<FleetMember> Members
    {
        get
        {
            lock (gate)
            {
                return [.. members];
            }
        }
    }

    /// <summary><c>CORRAL_PORT_CLIENT_0=8080</c> for every replica with a port, for a test command's environment.</summary>
    public IReadOnlyDictionary<string, string> PortEnvironment =>
        Members.Where(m => m.Port is not null)
            .ToDictionary(m => m.PortVariable, m => m.Port!.Value.ToString(CultureInfo.InvariantCulture));

    public static Task<Fleet> UpAsync(FleetSpec spec, CancellationToken cancel = default) => UpAsync(spec, new FleetOptions(), cancel);

    public static async Task<Fleet> UpAsync(FleetSpec spec, FleetOptions options, CancellationToken cancel)
    {
        var order = DependencyOrder.Resolve(spec.Processes);
        Validate(order);
        var fleet = new Fleet(spec, options, order, UnitPorts.Assign(order, new Ports.PortAllocator()));
        fleet.CheckLimits();
        try
        {
            await fleet.StartAllAsync(cancel).ConfigureAwait(false);
            return fleet;
        }
        catch (Exception failure)
        {
            FleetStopReport report;
            try
            {
                report = await fleet.DownAsync(options.Hurry).ConfigureAwait(false);
            }
            catch (Exception teardown)
            {
                throw new AggregateException(failure, teardown);
            }

            if (!report.ProvenEmpty)
            {
                throw new AggregateException(failure, new ContainmentException(report.DescribeSurvivors()));
            }

            throw;
        }
    }

    /// <summary>
    /// Stops every process in reverse dependency order, replicas of one process in parallel. When
    /// <paramref name="hurry"/> fires, graces are cut short and what is left is killed at once.
    /// </summary>
    public Task<FleetStopReport> DownAsync(CancellationToken hurry = default)
    {
        lock (gate)
        {
            return down ??= DownCoreAsync(hurry);
        }
    }

    public async ValueTask DisposeAsync() => await DownAsync().ConfigureAwait(false);

    // Refused before anything starts: a fleet must not run half-started because one process's limits are impossible here.
    private void CheckLimits()
    {
        foreach (var process in order.Where(p => p.Limits is { IsEmpty: false } && StrategyFor(p) is LocalStrategy))
        {
            if (launcher.Containment.CannotLimit(process.Limits!) is { } reason)
            {
                throw new LimitsUnenforceableException($"{process.Name}: {reason}.");
            }
        }
    }

    private static void Validate(IReadOnlyList<ProcessSpec> processes)
    {
        foreach (var process in processes)
        {
            if (process.Image is null && (process.Command.Count == 0 || string.IsNullOrWhiteSpace(process.Command[0])))
            {
                throw new FleetSpecException($"{process.Name}: command is empty.");
            }

            if (process.Replicas < 1)
            {
                throw new FleetSpecException($"{process.Name}: replicas must be at least 1, got {process.Replicas}.");
            }
        }
    }

    private async Task StartAllAsync(CancellationToken cancel)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var ready = new Dictionary<string, Task>(StringComparer.Ordinal);
        for (var index = 0; index < order.Count; index++)
        {
            var process = order[index];
            var dependencies = process.DependsOn.Select(d => ready[d]).ToArray();
            ready[process.Name] = StartProcessAsync(process, index, dependencies, failFast);
        }

        try
        {
            await Task.WhenAll(ready.Values).ConfigureAwait(false);
        }
        catch
        {
            var failure = ready.Values
                .Where(t => t.IsFaulted)
                .Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            cancel.ThrowIfCancellationRequested();
            throw;
        }
    }

    private async Task StartProcessAsync(ProcessSpec process, int index, Task[] dependencies, CancellationTokenSource failFast)
    {
        try
        {
            await Task.WhenAll(dependencies).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(0, process.Replicas)
                .Select(replica => StartReplicaAsync(process, replica, index, failFast.Token))).ConfigureAwait(false);
        }
        catch
        {
            // One failure ends the whole start-up: the others stop waiting and the fleet is torn down.
            await failFast.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartReplicaAsync(ProcessSpec process, int replica, int index, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        int? port = ports.TryGetValue(process.Name, out var assigned) ? assigned[replica] : null;
        var launch = UnitTemplating.ToLaunchSpec(process, replica, port, ports, spec.BaseDirectory, options.LogDirectory);
        var request = new UnitRequest(process, launch)
        {
            UnitName = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{process.Name}-{replica}"),
            Readiness = process.Readiness is { } probe ? UnitTemplating.ExpandProbe(probe, process, replica, port, ports) : null,
            Liveness = process.Liveness is { } liveness ? UnitTemplating.ExpandLiveness(liveness, process, replica, port, ports) : null,
            Restart = process.Restart,
        };
        UnitLifecycle? lifecycle = null;
        lifecycle = new UnitLifecycle(launch.DisplayName, StrategyFor(process), () => request, new LifecycleOptions
        {
            Restart = process.Restart,
            OnEvent = e =>
            {
                // Every run of the replica (restarts too) has its own output to follow.
                if (e.Kind == UnitEventKind.Launched && options.OnOutput is { } onOutput)
                {
                    lifecycle!.Current?.Output.Subscribe(onOutput);
                }

                options.OnEvent?.Invoke(e);
            },
        });
        var member = new FleetMember(process, replica, port, lifecycle, index) { LogFile = launch.LogFile };
        options.OnMember?.Invoke(member);
        await lifecycle.StartAsync(cancel).ConfigureAwait(false);
        lock (gate)
        {
            members.Add(member);
        }

        await lifecycle.Ready.WaitAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops every process at once except where a <c>depends_on</c> edge orders them: a process stops only after
    /// everything that depends on it has stopped. A hundred independent processes with a 2 s grace take 2 s, not 200.
    /// </summary>
    private async Task<FleetStopReport> DownCoreAsync(CancellationToken hurry)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var net = TagNet.Begin();
        var members = Members;
        var stops = new Dictionary<string, Task<StopReport[]>>(StringComparer.Ordinal);
        Task<StopReport[]> StopProcess(string name)
        {
            if (!stops.TryGetValue(name, out var stop))
            {
                var dependents = order.Where(p => p.DependsOn.Contains(name, StringComparer.Ordinal)).Select(p => StopProcess(p.Name)).ToList();
                stop = StopAfterAsync(dependents, members.Where(m => m.Spec.Name == name).ToList(), hurry);
                stops[name] = stop;
            }

            return stop;
        }

        foreach (var process in order)
        {
            _ = StopProcess(process.Name);
        }

        var errors = new List<Exception>();
        try
        {
            await Task.WhenAll(stops.Values).ConfigureAwait(false);
        }
        catch
        {
            errors.AddRange(stops.Values.Where(s => s.IsFaulted).SelectMany(s => s.Exception!.InnerExceptions));
        }

        var reports = stops.Values.Where(s => s.IsCompletedSuccessfully).SelectMany(s => s.Result).ToList();
        var strays = new List<StoppedMember>();
        try
        {
            strays.AddRange(await net.SweepAsync().ConfigureAwait(false));
        }
        catch (ContainmentException e)
        {
            errors.Add(e);
        }

        strays.AddRange(await launcher.Containment.KillStraysAsync().ConfigureAwait(false));
        launcher.Containment.Cleanup();
        launcher.Dispose();
        if (errors.Count > 0)
        {
            throw new ContainmentException("The fleet could not be proven gone: " + string.Join(" ", errors.Select(e => e.Message)));
        }

        return new FleetStopReport(reports, strays, clock.Elapsed);
    }

    private async Task<StopReport[]> StopAfterAsync(IReadOnlyList<Task<StopReport[]>> dependents, IReadOnlyList<FleetMember> replicas, CancellationToken hurry)
    {
        // A dependent that failed to stop must not keep its dependencies running: they stop anyway.
        await Task.WhenAll(dependents.Select(d => d.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);

        // Each stop begins with synchronous work (reading the unit, signalling it): on the pool, not one after another.
        var reports = await Task.WhenAll(replicas.Select(member => Task.Run(() => member.Lifecycle.StopAsync(hurry)))).ConfigureAwait(false);
        return reports.OfType<StopReport>().ToArray();
    }

    private IExecutionStrategy StrategyFor(ProcessSpec process)
    {
        var strategy = process.Strategy ?? spec.Strategy;
        if (strategy == "local")
        {
            return local;
        }

        return options.Strategies.TryGetValue(strategy, out var found)
            ? found
            : throw new FleetSpecException($"{process.Name}: strategy '{strategy}' is not available to this fleet (known: local{string.Concat(options.Strategies.Keys.Select(k => ", " + k))}).");
    }
}
