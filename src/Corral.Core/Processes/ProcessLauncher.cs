using System.Diagnostics;
using Corral.Containment;
using Corral.Exceptions;

namespace Corral.Processes;

/// <summary>Starts processes inside containment units, tagged with the owner, name and unit in their environment.</summary>
public sealed class ProcessLauncher(ContainmentProvider containment)
{
    private static readonly string? Setsid = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ProcessId, bool> LiveMains = new();
    private static int sequence;

    public ContainmentProvider Containment { get; } = containment;

    /// <summary>The <c>CORRAL_OWNER</c> value: this process as <c>pid-starttime</c>.</summary>
    public static string OwnerId { get; } = ProcessTable.Self.ToString();

    /// <summary>True for the main process of a unit some launcher in this process started and has not yet stopped.</summary>
    public static bool IsLiveMain(ProcessId id) => LiveMains.ContainsKey(id);

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

        var unitId = $"{Sanitize(spec.Name)}-{spec.Replica}-{Interlocked.Increment(ref sequence)}-{Environment.ProcessId}";
        var unit = Containment.CreateUnit(unitId);
        try
        {
            IReadOnlyList<string> argv = [executable, .. spec.Command.Skip(1)];
            long logStart = 0;
            if (spec.DetachedOutput)
            {
                argv = DetachOutput(spec, argv, out logStart);
            }

            argv = unit.Wrap(argv);
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

            foreach (var (key, value) in spec.Environment)
            {
                info.Environment[key] = value;
            }

            info.Environment[CorralEnvironment.Owner] = OwnerId;
            info.Environment[CorralEnvironment.Name] = spec.Name;
            info.Environment[CorralEnvironment.Unit] = unitId;
            info.Environment[CorralEnvironment.Replica] = spec.Replica.ToString(System.Globalization.CultureInfo.InvariantCulture);

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
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
            var managed = new ManagedProcess(spec, process, unit, logStart);
            TrackMain(managed);
            return managed;
        }
        catch
        {
            unit.Dispose();
            throw;
        }
    }

    internal static void TrackMain(ManagedProcess managed)
    {
        LiveMains[managed.Id] = true;
        _ = managed.Exited.ContinueWith(_ => LiveMains.TryRemove(managed.Id, out var _), TaskScheduler.Default);
    }

    // The shell points stdout and stderr at the log file and then execs the command: the process never holds a
    // pipe to corral, so corral can die and restart without the process getting SIGPIPE or losing output.
    private static IReadOnlyList<string> DetachOutput(LaunchSpec spec, IReadOnlyList<string> argv, out long logStart)
    {
        if (spec.LogFile is null)
        {
            throw new LaunchException($"{spec.DisplayName}: detached output needs a log file.");
        }

        var log = Path.GetFullPath(spec.LogFile);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        return ["/bin/sh", "-c", "exec >>\"$0\" 2>&1 </dev/null; exec \"$@\"", log, .. argv];
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var result = new string(chars).TrimStart('.');
        return result.Length == 0 ? "process" : result[..Math.Min(result.Length, 60)];
    }
}
