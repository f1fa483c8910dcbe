using System.Diagnostics;
using Corral.Containment;
using Corral.Docker.Engine;
using Corral.Processes;
using Corral.Execution;

namespace Corral.Docker.Containers;

/// <summary>
/// A unit that is a container (a bot, or a replica of a fleet process). Its end is the engine's <c>wait</c>; its output is the engine's log stream, copied into
/// the bot's log file (so the daemon's log API and rotation work as for local bots) and into the output buffer.
/// </summary>
internal sealed class ContainerUnit : IUnitHandle
{
    private readonly DockerClient docker;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource following = new();
    private readonly string? logFile;
    private readonly string? errorLogFile;
    private readonly string stopSignal;
    private readonly TimeSpan grace;
    private readonly Lock stopGate = new();
    private readonly Task logs;
    private Task<StopReport>? stopping;

    public ContainerUnit(DockerClient docker, ContainerInspect container, LaunchSpec spec, bool adopted, long logsSince)
    {
        this.docker = docker;
        DisplayName = spec.DisplayName;
        UnitId = container.Id;
        Pid = container.State.Pid;
        StartTime = Pid > 0 ? ProcessTable.Get(Pid)?.Id.StartTime : null;
        IsAdopted = adopted;
        Command = container.Config.Cmd ?? [];
        logFile = spec.LogFile;
        errorLogFile = spec.ErrorLogFile;
        stopSignal = Signals.SignalNumbers.Name(spec.StopSignal);
        grace = spec.StopGrace;
        logs = FollowLogsAsync(logsSince);
        _ = WatchAsync();
    }

    public string DisplayName { get; }

    public int Pid { get; }

    public bool HasExited => exited.Task.IsCompleted;

    public Task<int> Exited => exited.Task;

    public OutputBuffer Output { get; } = new();

    public string? WorkingDirectory => null;

    public string UnitId { get; }

    public string Location => DockerStrategy.LocationPrefix + UnitId;

    public ulong? StartTime { get; }

    public bool IsAdopted { get; }

    public IReadOnlyList<string> Command { get; }

    /// <summary>"killed: out of memory" when the engine says the container was OOM-killed; read once it has exited.</summary>
    public string? LimitHit { get; private set; }

    public async Task<UnitStats> StatsAsync(CancellationToken cancel)
    {
        if (HasExited)
        {
            return default;
        }

        try
        {
            var top = docker.TopAsync(UnitId, cancel);
            var stats = docker.Stats.GetAsync(UnitId, cancel);
            var (cpu, memory) = await stats.ConfigureAwait(false);
            return new UnitStats(Math.Max(0, ((await top.ConfigureAwait(false)).Processes?.Count ?? 0) - 1), new ProcessUsage(cpu, memory));
        }
        catch (DockerException)
        {
            // Gone between the listing and the question: it has no processes now.
            return default;
        }
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
        var signalled = await MembersAsync().ConfigureAwait(false);
        var seconds = hurry.IsCancellationRequested ? 0 : (int)Math.Ceiling(grace.TotalSeconds);
        using (hurry.Register(() => _ = docker.KillContainerAsync(UnitId)))
        {
            await docker.StopContainerAsync(UnitId, seconds).ConfigureAwait(false);
        }

        var code = await Task.WhenAny(exited.Task, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false) == exited.Task ? exited.Task.Result : (int?)null;
        await docker.RemoveContainerAsync(UnitId).ConfigureAwait(false);
        docker.Stats.Forget(UnitId);
        var gone = await docker.InspectContainerAsync(UnitId).ConfigureAwait(false) is null;
        await following.CancelAsync().ConfigureAwait(false);

        // The engine kills what its stop signal did not end after the grace: exit 137 after (about) the grace means killed.
        var killedByEngine = code == 137 && stopSignal != "SIGKILL" && clock.Elapsed >= grace * 0.9;
        var main = signalled.Take(1).ToList();
        return new StopReport(
            DisplayName, Pid, ContainmentKind.Container, stopSignal, grace,
            signalled,
            killedByEngine ? signalled.Skip(1).ToList() : signalled,
            killedByEngine ? main : [],
            code,
            clock.Elapsed,
            ProvenEmpty: gone);
    }

    private async Task<List<StoppedMember>> MembersAsync()
    {
        try
        {
            var top = await docker.TopAsync(UnitId).ConfigureAwait(false);
            var titles = top.Titles ?? [];
            var pidColumn = titles.ToList().IndexOf("PID");
            var commandColumn = titles.ToList().IndexOf("CMD") is var c and >= 0 ? c : titles.Count - 1;
            return (top.Processes ?? [])
                .Select(row => new StoppedMember(pidColumn >= 0 && int.TryParse(row[pidColumn], out var pid) ? pid : 0, row[commandColumn]))
                .ToList();
        }
        catch (DockerException)
        {
            return [];
        }
    }

    // Drain, then report: the engine's log stream ends when the container does; its last lines (the crash line)
    // are in the buffer before the exit is published, or the drain limit has passed.
    private async Task WatchAsync()
    {
        int code;
        try
        {
            code = await docker.WaitContainerAsync(UnitId).ConfigureAwait(false);
        }
        catch (DockerException)
        {
            code = ManagedProcess.UnknownExitCode;
        }

        await Task.WhenAny(logs, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await ReadLimitHitAsync().ConfigureAwait(false);
        exited.TrySetResult(code);
    }

    private async Task ReadLimitHitAsync()
    {
        try
        {
            if (await docker.InspectContainerAsync(UnitId).ConfigureAwait(false) is { State.OOMKilled: true } container)
            {
                LimitHit = container.HostConfig?.Memory is > 0 and var memory
                    ? $"killed: out of memory, limit {Corral.Containment.UnitLimits.Size(memory)}"
                    : "killed: out of memory";
            }
        }
        catch (DockerException)
        {
            // Gone already (removed by a stop): nothing to say about limits.
        }
    }

    private Task FollowLogsAsync(long since) =>
        new EngineLogSink(logFile, errorLogFile, DisplayName, Output).RunAsync(
            onLine => docker.FollowLogsAsync(UnitId, since, onLine, following.Token));
}
