using System.Diagnostics;
using Corral.Containment;
using Corral.Signals;

namespace Corral.Processes;

/// <summary>
/// A launched (or adopted), contained process. Disposing it is its stop policy: graceful signal to every member,
/// bounded grace, kill of the whole unit, proof that the unit is empty.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable, Execution.IUnitHandle
{
    /// <summary>The exit code of a process that was not our child: nobody can wait for its status.</summary>
    public const int UnknownExitCode = -1;

    private static readonly TimeSpan ExitCodeWait = TimeSpan.FromSeconds(5);

    // A descendant that inherited stdout can hold the pipe open long after the main process died: its last
    // lines are awaited this long, then the exit is reported anyway.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private readonly Process? process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LogWriter? log;
    private readonly LogWriter? errorLog;
    private readonly LogTailer[] tailers = [];
    private readonly Lock stopGate = new();
    private readonly TaskCompletionSource stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool adopted;
    private Task<StopReport>? stopping;

    internal ManagedProcess(LaunchSpec spec, Process process, ContainmentUnit unit, LogStart logStart, Watching.ChangeWatcher watcher)
        : this(spec, process.Id, unit, logStart, watcher, _ => ExitOfAsync(process), PipesOf(spec, process))
    {
        this.process = process;
    }

    // A child corral started: its end is learnt by <paramref name="waitExit"/>, its output read from the given pipes or
    // its log. The exit is published only once both pipes reached their end (or the drain limit passed), so the crash
    // line is always in the log and in a readiness failure's message.
    internal ManagedProcess(LaunchSpec spec, int childPid, ContainmentUnit unit, LogStart logStart, Watching.ChangeWatcher watcher, Func<ProcessId, Task<int>> waitExit, (Stream Stdout, Stream Stderr)? pipes = null)
    {
        Spec = spec;
        Unit = unit;
        StartedAt = DateTimeOffset.UtcNow;
        Id = ProcessTable.Get(childPid)?.Id ?? new ProcessId(childPid, 0);
        if (spec.DetachedOutput)
        {
            tailers = Follow(spec, logStart, watcher);
        }

        if (pipes is not { } streams)
        {
            stdoutClosed.TrySetResult();
            stderrClosed.TrySetResult();
        }
        else
        {
            if (spec.LogFile is not null)
            {
                log = new LogWriter(spec.LogFile);
                errorLog = spec.ErrorLogFile is null ? null : new LogWriter(spec.ErrorLogFile);
            }

            _ = PumpAsync(streams.Stdout, isError: false, stdoutClosed);
            _ = PumpAsync(streams.Stderr, isError: true, stderrClosed);
        }

        _ = ReportExitAsync(waitExit(Id));
    }

    internal ManagedProcess(LaunchSpec spec, ProcessId id, ContainmentUnit unit, DateTimeOffset startedAt, Watching.ChangeWatcher watcher, LogStart? logFrom)
    {
        adopted = true;
        Spec = spec;
        Id = id;
        Unit = unit;
        StartedAt = startedAt;
        if (spec.DetachedOutput && spec.LogFile is not null)
        {
            // From where the run began, so a readiness line written while no corral ran is still seen; never past the end.
            var from = logFrom ?? LogStart.AtEnd;
            tailers = Follow(spec, new LogStart(Math.Min(from.Stdout, LogStart.LengthOf(spec.LogFile)), Math.Min(from.Stderr, LogStart.LengthOf(spec.ErrorLogFile))), watcher);
        }

        _ = WatchAdoptedAsync(watcher);
    }

    public LaunchSpec Spec { get; private set; }

    /// <summary>A configuration reload's new stop signal and grace, for the stop of this run (a policy, changed in place).</summary>
    public void ChangeStop(Signals.Signal signal, TimeSpan grace) => Spec = Spec with { StopSignal = signal, StopGrace = grace };

    public string Name => Spec.Name;

    public string DisplayName => Spec.DisplayName;

    public ProcessId Id { get; }

    public int Pid => Id.Pid;

    public ContainmentUnit Unit { get; }

    public string? LimitHit => Unit.LimitHit();

    public string? WorkingDirectory => Spec.WorkingDirectory;

    public DateTimeOffset StartedAt { get; }

    /// <summary>True when this process was started by an earlier corral and taken over by this one.</summary>
    public bool IsAdopted => adopted;

    /// <summary>The last lines of stdout and stderr, and a way to follow new ones.</summary>
    public OutputBuffer Output { get; } = new();

    /// <summary>Completes with the exit code (128 + signal number when a signal ended it; -1 when unknowable).</summary>
    public Task<int> Exited => exited.Task;

    public bool HasExited => exited.Task.IsCompleted;

    /// <summary>Live descendants, escaped ones included, not counting the main process.</summary>
    public int ChildProcessCount => Unit.Members(Id).Count(m => m.Id != Id);

    public string UnitId => Unit.Id;

    public string Location => Unit.Location;

    ulong? Execution.IUnitHandle.StartTime => Id.StartTime;

    public IReadOnlyList<string> Command => Spec.Command;

    /// <summary>From the unit (the cgroup where there is one): no full /proc scan per process.</summary>
    public Task<Execution.UnitStats> StatsAsync(CancellationToken cancel)
    {
        if (HasExited)
        {
            return Task.FromResult(default(Execution.UnitStats));
        }

        var members = Unit.Members(Id);
        var usage = members.Aggregate(default(ProcessUsage), (sum, m) => sum + ProcessTable.ReadUsage(m.Pid));
        return Task.FromResult(new Execution.UnitStats(members.Count(m => m.Id != Id), usage));
    }

    public Task<StopReport> StopAsync(CancellationToken hurry = default)
    {
        lock (stopGate)
        {
            return stopping ??= StopCoreAsync(hurry);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public override string ToString() => $"{DisplayName} (pid {Pid})";

    private async Task<StopReport> StopCoreAsync(CancellationToken hurry)
    {
        var clock = Stopwatch.StartNew();
        UnitStopReport unitReport;
        try
        {
            unitReport = await Unit.StopAsync(Id, Spec.StopSignal, Spec.StopGrace, hurry).ConfigureAwait(false);
        }
        finally
        {
            Unit.Dispose();
        }

        if (adopted)
        {
            exited.TrySetResult(UnknownExitCode);
        }

        int? exitCode = null;
        if (await Task.WhenAny(exited.Task, Task.Delay(ExitCodeWait, CancellationToken.None)).ConfigureAwait(false) == exited.Task)
        {
            exitCode = await exited.Task.ConfigureAwait(false);
        }

        foreach (var tailer in tailers)
        {
            await tailer.DisposeAsync().ConfigureAwait(false);
        }

        log?.Dispose();
        errorLog?.Dispose();

        if (exited.Task.IsCompleted)
        {
            process?.Dispose();
        }

        return new StopReport(
            DisplayName,
            Pid,
            Unit.Kind,
            Unit.SentAs(Spec.StopSignal),
            Spec.StopGrace,
            unitReport.Signalled,
            unitReport.ExitedBySignal,
            unitReport.Killed,
            exitCode is UnknownExitCode ? null : exitCode,
            clock.Elapsed,
            unitReport.ProvenEmpty)
        {
            Survivors = unitReport.Survivors,
            CaughtByTag = unitReport.CaughtByTag,
        };
    }

    private LogTailer[] Follow(LaunchSpec spec, LogStart from, Watching.ChangeWatcher watcher)
    {
        var stdout = new LogTailer(spec.LogFile!, from.Stdout, text => Output.Add(new OutputLine(DisplayName, false, text)), watcher);
        return spec.ErrorLogFile is null
            ? [stdout]
            : [stdout, new LogTailer(spec.ErrorLogFile, from.Stderr, text => Output.Add(new OutputLine(DisplayName, true, text)), watcher)];
    }

    private async Task WatchAdoptedAsync(Watching.ChangeWatcher watcher)
    {
        await watcher.WaitExitAsync(Id).ConfigureAwait(false);
        FlushTailers();
        exited.TrySetResult(UnknownExitCode);
    }

    private async Task ReportExitAsync(Task<int> exit)
    {
        var code = await exit.ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(stdoutClosed.Task, stderrClosed.Task), Task.Delay(DrainLimit)).ConfigureAwait(false);
        FlushTailers();
        exited.TrySetResult(code);
    }

    private static async Task<int> ExitOfAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return ExitCodeOf(process);
    }

    // Captured output: corral reads the process's stdout and stderr, and its stdin is closed at once.
    private static (Stream, Stream)? PipesOf(LaunchSpec spec, Process process)
    {
        if (spec.InheritConsole || spec.DetachedOutput)
        {
            return null;
        }

        process.StandardInput.Close();
        return (process.StandardOutput.BaseStream, process.StandardError.BaseStream);
    }

    private static int ExitCodeOf(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return UnknownExitCode;
        }
    }

    // Reads a pipe to its end through the one line splitter; the end of both pipes is what the exit waits for.
    private async Task PumpAsync(Stream pipe, bool isError, TaskCompletionSource closed)
    {
        var lines = new LineSplitter(text => OnLine(text, isError));
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await pipe.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lines.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process: what was read is all there is.
        }
        finally
        {
            lines.Flush();
            closed.TrySetResult();
        }
    }

    private void FlushTailers()
    {
        foreach (var tailer in tailers)
        {
            tailer.Flush();
        }
    }

    private void OnLine(string text, bool isError)
    {
        (isError ? errorLog ?? log : log)?.WriteLine(text);
        Output.Add(new OutputLine(DisplayName, isError, text));
    }
}
