using System.Diagnostics;
using Corral.Containment;
using Corral.Docker.Engine;
using Corral.Processes;
using Corral.Execution;

namespace Corral.Docker.Swarm;

/// <summary>
/// A unit that is a Swarm service: Swarm places and restarts its tasks; Corral watches, scales and removes it, and
/// proves a stop by waiting until no task of the service is left.
/// </summary>
internal sealed class ServiceUnit : IUnitHandle, IScalableUnit
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly DockerClient docker;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource watching = new();
    private readonly TimeSpan grace;
    private readonly string stopSignal;
    private readonly Lock stopGate = new();
    private Task<StopReport>? stopping;

    public ServiceUnit(DockerClient docker, string serviceId, LaunchSpec spec, bool adopted, long logsSince)
    {
        this.docker = docker;
        UnitId = serviceId;
        DisplayName = spec.DisplayName;
        Command = spec.Command;
        IsAdopted = adopted;
        grace = spec.StopGrace;
        stopSignal = Signals.SignalNumbers.Name(spec.StopSignal);
        _ = WatchAsync();
        _ = new EngineLogSink(spec.LogFile!, spec.ErrorLogFile, DisplayName, Output).RunAsync(
            onLine => docker.FollowServiceLogsAsync(serviceId, logsSince, onLine, watching.Token));
    }

    public string DisplayName { get; }

    /// <summary>The host pid of the first running task's main process (0 until one runs).</summary>
    public int Pid { get; private set; }

    public bool HasExited => exited.Task.IsCompleted;

    public Task<int> Exited => exited.Task;

    public OutputBuffer Output { get; } = new();

    public string? WorkingDirectory => null;

    public string UnitId { get; }

    public string Location => SwarmStrategy.LocationPrefix + UnitId;

    public ulong? StartTime => null;

    public bool IsAdopted { get; }

    public IReadOnlyList<string> Command { get; }

    public async Task<UnitStats> StatsAsync(CancellationToken cancel)
    {
        var tasks = await TasksAsync(cancel).ConfigureAwait(false);
        var samples = await Task.WhenAll(tasks
            .Where(t => t.State == "running" && t.ContainerId is not null)
            .Select(t => SampleAsync(t.ContainerId!, cancel))).ConfigureAwait(false);
        var processes = samples.Sum(s => s.Processes);
        var usage = samples.Aggregate(default(ProcessUsage), (sum, s) => sum + s.Usage);
        var running = tasks.Count(t => t.State == "running");
        return new UnitStats(Math.Max(0, processes - Math.Min(running, 1)), usage, tasks);
    }

    private async Task<(int Processes, ProcessUsage Usage)> SampleAsync(string container, CancellationToken cancel)
    {
        try
        {
            var top = docker.TopAsync(container, cancel);
            var (cpu, memory) = await docker.Stats.GetAsync(container, cancel).ConfigureAwait(false);
            return ((await top.ConfigureAwait(false)).Processes?.Count ?? 0, new ProcessUsage(cpu, memory));
        }
        catch (DockerException)
        {
            // On another node, or just gone: counted by the task list alone.
            return (0, default);
        }
    }

    public async Task ScaleAsync(int replicas, CancellationToken cancel)
    {
        var service = await docker.InspectServiceAsync(UnitId, cancel).ConfigureAwait(false)
            ?? throw new DockerException(404, $"Service {UnitId} of {DisplayName} is gone.");
        var spec = service.Spec with { Mode = new ServiceMode(new ReplicatedMode(replicas)) };
        await docker.UpdateServiceAsync(UnitId, service.Version.Index, spec, cancel).ConfigureAwait(false);
    }

    public Task<StopReport> StopAsync(CancellationToken hurry = default)
    {
        lock (stopGate)
        {
            return stopping ??= StopCoreAsync(hurry);
        }
    }

    private async Task<StopReport> StopCoreAsync(CancellationToken hurry)
    {
        var clock = Stopwatch.StartNew();
        var before = (await TasksAsync(CancellationToken.None).ConfigureAwait(false)).Where(t => t.State is "running" or "starting").ToList();
        var signalled = before.Select(t => new StoppedMember(t.Pid ?? 0, $"task {t.Id} on {t.Node ?? "?"} (container {t.ContainerId?[..12]})")).ToList();
        await docker.RemoveServiceAsync(UnitId).ConfigureAwait(false);

        // Swarm stops each task's container with the stop signal and kills it after the grace; removal is done when no task is left.
        var limit = grace + TimeSpan.FromSeconds(30);
        var gone = false;
        while (clock.Elapsed < limit)
        {
            var left = await LeftoverContainersAsync().ConfigureAwait(false);
            if (left == 0 && (await docker.ListTasksAsync(UnitId).ConfigureAwait(false)).Count == 0)
            {
                gone = true;
                break;
            }

            await Task.Delay(hurry.IsCancellationRequested ? 50 : 200, CancellationToken.None).ConfigureAwait(false);
        }

        await watching.CancelAsync().ConfigureAwait(false);
        exited.TrySetResult(ManagedProcess.UnknownExitCode);
        var killed = clock.Elapsed >= grace * 0.9 && grace > TimeSpan.Zero ? signalled : [];
        return new StopReport(
            DisplayName, Pid, ContainmentKind.Container, stopSignal, grace,
            signalled,
            signalled.Except(killed).ToList(),
            killed,
            ExitCode: null,
            clock.Elapsed,
            ProvenEmpty: gone);
    }

    private async Task<int> LeftoverContainersAsync() =>
        (await docker.ListContainersAsync($"com.docker.swarm.service.id={UnitId}").ConfigureAwait(false)).Count;

    private async Task<IReadOnlyList<UnitTask>> TasksAsync(CancellationToken cancel)
    {
        IReadOnlyList<SwarmTask> tasks;
        try
        {
            tasks = await docker.ListTasksAsync(UnitId, cancel).ConfigureAwait(false);
        }
        catch (DockerException)
        {
            return [];
        }

        var nodes = (await docker.ListNodesAsync(cancel).ConfigureAwait(false)).ToDictionary(n => n.ID, n => n.Description.Hostname);
        var result = tasks
            .OrderBy(t => t.Slot)
            .Select(t => new UnitTask(
                t.ID,
                t.NodeID is null ? null : nodes.GetValueOrDefault(t.NodeID, t.NodeID),
                t.Slot,
                t.Status.State,
                t.DesiredState,
                t.Status.ContainerStatus?.ContainerID,
                t.Status.ContainerStatus?.PID is > 0 ? t.Status.ContainerStatus.PID : null,
                t.Status.ContainerStatus?.ExitCode,
                t.Status.Err))
            .ToList();
        Pid = result.FirstOrDefault(t => t.State == "running")?.Pid ?? Pid;
        return result;
    }

    private async Task WatchAsync()
    {
        try
        {
            while (!watching.IsCancellationRequested && await docker.InspectServiceAsync(UnitId, watching.Token).ConfigureAwait(false) is not null)
            {
                await Task.Delay(PollInterval, watching.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or DockerException)
        {
            // Stopped by us, or the engine is gone: the end is reported below either way.
        }

        exited.TrySetResult(ManagedProcess.UnknownExitCode);
    }
}
