using System.Diagnostics;
using Corral.Containment;
using Corral.Exceptions;

namespace Corral.Processes;

/// <summary>
/// Starts processes inside containment units, tagged with the owner, name and unit in their environment, and
/// takes over processes an earlier corral started. Its <see cref="Watcher"/> tells every process it holds of
/// exits, output and emptied units.
/// </summary>
public sealed class ProcessLauncher : IDisposable
{
    private static readonly string? Setsid = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>True where launches can give a process a session of its own (setsid(1) exists; never on Windows).</summary>
    public static bool CanStartSessions => Setsid is not null;

    /// <summary>The setsid(1) program launches use; null where there is none.</summary>
    public static string? SessionStarter => Setsid;

    // Process-wide on purpose: it mirrors the runtime's own table of child processes it waits for, which is one per
    // process whatever the number of launchers. A reaper that took one of these would steal its exit code.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ProcessId, bool> LiveMains = new();

    // Held (shared) across fork and registration of a main: a reaper that takes it exclusively sees every main.
    private static readonly ReaderWriterLockSlim Forking = new(LockRecursionPolicy.NoRecursion);
    private static int sequence;
    private readonly bool ownsWatcher;

    public ProcessLauncher(ContainmentProvider containment, Watching.ChangeWatcher? watcher = null)
    {
        Containment = containment;
        ownsWatcher = watcher is null;
        Watcher = watcher ?? Watching.ChangeWatcher.Create();
    }

    public ContainmentProvider Containment { get; }

    public Watching.ChangeWatcher Watcher { get; }

    /// <summary>The <c>CORRAL_OWNER</c> value: this process as <c>pid-starttime</c>, an identity fixed for its life.</summary>
    public static string OwnerId { get; } = ProcessTable.Self.ToString();

    /// <summary>True for the main process of a unit some launcher in this process started and has not yet stopped.</summary>
    public static bool IsLiveMain(ProcessId id) => LiveMains.ContainsKey(id);

    /// <summary>The pids of <see cref="IsLiveMain"/>, at this moment.</summary>
    internal static HashSet<int> LiveMainPids() => LiveMains.Keys.Select(id => id.Pid).ToHashSet();

    /// <summary>Runs <paramref name="reap"/> while no launch is between fork and registration; false when one is.</summary>
    internal static bool WhileNoLaunchInFlight(Action reap)
    {
        if (!Forking.TryEnterWriteLock(TimeSpan.Zero))
        {
            return false;
        }

        try
        {
            reap();
            return true;
        }
        finally
        {
            Forking.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        if (ownsWatcher)
        {
            Watcher.Dispose();
        }
    }

    /// <summary>
    /// Takes over a process an earlier corral started, after a restart of corral: it is checked by pid and start
    /// time, held through its unit, its end learnt from a pidfd, its output read from its log file.
    /// </summary>
    /// <param name="logFrom">Where to start reading its log files (where its run began); past their end: from the end (what it writes from now on).</param>
    public ManagedProcess Adopt(LaunchSpec spec, ProcessId id, string unitId, string unitLocation, DateTimeOffset startedAt, LogStart? logFrom = null)
    {
        var unit = ContainmentProvider.Reattach(unitId, unitLocation, id);
        unit.Watcher = Watcher;
        var adopted = new ManagedProcess(spec, id, unit, startedAt, Watcher, logFrom);
        TrackMain(adopted);
        return adopted;
    }

    /// <summary>The unit of a dead process an earlier corral started, to empty what it left.</summary>
    public ContainmentUnit Reattach(string unitId, string unitLocation, ProcessId main)
    {
        var unit = ContainmentProvider.Reattach(unitId, unitLocation, main);
        unit.Watcher = Watcher;
        return unit;
    }

    /// <summary>A unit id no other unit of this process has had: name, replica, sequence, pid.</summary>
    public static string NewUnitId(LaunchSpec spec) =>
        $"{Sanitize(spec.Name)}-{spec.Replica}-{Interlocked.Increment(ref sequence)}-{Environment.ProcessId}";

    public ManagedProcess Start(LaunchSpec spec)
    {
        if (spec.Command.Count == 0 || string.IsNullOrWhiteSpace(spec.Command[0]))
        {
            throw new LaunchException($"{spec.DisplayName}: the command is empty.");
        }

        var cwd = spec.WorkingDirectory ?? Environment.CurrentDirectory;
        if (!Directory.Exists(cwd))
        {
            throw new LaunchException($"{spec.DisplayName}: the working directory '{cwd}' does not exist.");
        }

        var executable = ExecutableResolver.Resolve(spec.Command[0], cwd)
            ?? throw new LaunchException(
                $"{spec.DisplayName}: command not found: '{spec.Command[0]}' (looked in {(spec.Command[0].Contains('/', StringComparison.Ordinal) ? cwd : "PATH")}).");

        var unitId = spec.UnitId ?? NewUnitId(spec);
        var unit = Containment.CreateUnit(unitId, spec.Limits);
        unit.Watcher = Watcher;
        try
        {
            IReadOnlyList<string> argv = [executable, .. spec.Command.Skip(1)];
            var logStart = default(LogStart);
            var output = spec.DetachedOutput ? PrepareLog(spec, out logStart) : null;
            var environment = ChildEnvironment(spec, unitId);
            if (output is not null && unit is CgroupUnit cgroup && NativeSpawner.IsAvailable)
            {
                return SpawnNative(spec, argv, environment, cwd, cgroup, output, logStart);
            }

            if (OperatingSystem.IsWindows() && unit is JobObjectUnit job)
            {
                return SpawnWindows(spec, argv, environment, cwd, job, output, logStart);
            }

            argv = unit.Wrap(argv, output);
            if (Setsid is not null)
            {
                // Its own session: terminal signals (Ctrl+C) reach corral alone, which then stops the fleet in order.
                argv = [Setsid, .. argv];
            }

            var info = new ProcessStartInfo(argv[0])
            {
                WorkingDirectory = cwd,
                UseShellExecute = false,
                RedirectStandardInput = !spec.InheritConsole && !spec.DetachedOutput,
                RedirectStandardOutput = !spec.InheritConsole && !spec.DetachedOutput,
                RedirectStandardError = !spec.InheritConsole && !spec.DetachedOutput,
            };
            foreach (var arg in argv.Skip(1))
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            Forking.EnterReadLock();
            try
            {
                try
                {
                    process.Start();
                }
                catch (System.ComponentModel.Win32Exception e)
                {
                    process.Dispose();
                    throw new LaunchException($"{spec.DisplayName}: could not start '{executable}': {e.Message}");
                }

                unit.Attach(process);
                var managed = new ManagedProcess(spec, process, unit, logStart, Watcher);
                TrackMain(managed);
                return managed;
            }
            finally
            {
                Forking.ExitReadLock();
            }
        }
        catch
        {
            unit.Dispose();
            throw;
        }
    }

    private ManagedProcess SpawnNative(LaunchSpec spec, IReadOnlyList<string> argv, Dictionary<string, string> environment, string cwd, CgroupUnit cgroup, OutputFiles output, LogStart logStart)
    {
        Forking.EnterReadLock();
        try
        {
            var pid = NativeSpawner.Spawn(
                spec.DisplayName,
                argv,
                environment.Select(pair => $"{pair.Key}={pair.Value}"),
                cwd,
                Path.Combine(cgroup.Path, "cgroup.procs"),
                output);
            var watcher = Watcher;
            var managed = new ManagedProcess(spec, pid, cgroup, logStart, watcher, async id =>
            {
                await watcher.WaitExitAsync(id).ConfigureAwait(false);
                return ChildExit.Reap(id.Pid) ?? ManagedProcess.UnknownExitCode;
            });
            TrackMain(managed);
            return managed;
        }
        finally
        {
            Forking.ExitReadLock();
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private ManagedProcess SpawnWindows(LaunchSpec spec, IReadOnlyList<string> argv, Dictionary<string, string> environment, string cwd, JobObjectUnit job, OutputFiles? output, LogStart logStart)
    {
        var started = WindowsSpawner.Start(
            spec.DisplayName, argv, environment, cwd, job.Handle, output, captureOutput: !spec.InheritConsole && output is null, newConsole: spec.NewConsole);
        var managed = new ManagedProcess(spec, started.Pid, job, logStart, Watcher, _ => WindowsExit.WaitAsync(started.Process), started.Pipes);
        TrackMain(managed);
        return managed;
    }

    // Corral's own environment, the spec's, then the tags by which every descendant is found again (the tag net).
    private static Dictionary<string, string> ChildEnvironment(LaunchSpec spec, string unitId)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        foreach (var (key, value) in spec.Environment)
        {
            environment[key] = value;
        }

        environment[CorralEnvironment.Owner] = OwnerId;
        environment[CorralEnvironment.Name] = spec.Name;
        environment[CorralEnvironment.Unit] = unitId;
        environment[CorralEnvironment.Replica] = spec.Replica.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    private static void TrackMain(ManagedProcess managed)
    {
        LiveMains[managed.Id] = true;
        _ = managed.Exited.ContinueWith(_ => LiveMains.TryRemove(managed.Id, out var _), TaskScheduler.Default);
    }

    // The process writes its output to the log file itself (the unit's shell points stdout and stderr there before
    // the exec): it never holds a pipe to corral, so corral can die and restart without the process getting SIGPIPE.
    private static OutputFiles PrepareLog(LaunchSpec spec, out LogStart logStart)
    {
        if (spec.LogFile is null)
        {
            throw new LaunchException($"{spec.DisplayName}: detached output needs a log file.");
        }

        var log = Path.GetFullPath(spec.LogFile);
        var folder = Path.GetDirectoryName(log)!;
        Directory.CreateDirectory(folder);
        var errors = spec.ErrorLogFile is null ? null : Path.GetFullPath(spec.ErrorLogFile);
        if (errors is not null && Path.GetDirectoryName(errors) is { } errorFolder && errorFolder != folder)
        {
            Directory.CreateDirectory(errorFolder);
        }

        logStart = new LogStart(LogStart.LengthOf(log), LogStart.LengthOf(errors));
        return new OutputFiles(log, errors == log ? null : errors);
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var result = new string(chars).TrimStart('.');
        return result.Length == 0 ? "process" : result[..Math.Min(result.Length, 60)];
    }
}
