using System.Diagnostics;
using Corral.Cli.Runs;
using Corral.Config;
using Corral.Exceptions;
using Corral.Processes;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral up -d FLEET</c> (or <c>--wait</c>, as compose): starts a <c>corral up</c> of its own in a session of its own
/// (no terminal's hang-up reaches it), its output appended to <c>.corral/logs/up.log</c>, and returns once that corral
/// says every process is ready; it fails with that log's last lines when the detached corral ends first.
/// <c>corral down FLEET</c> ends it; <c>ps|logs|restart|events FLEET</c> drive it meanwhile.
/// </summary>
internal static class UpDetached
{
    public static async Task<int> RunAsync(string fleetPath, IReadOnlyList<string> upArguments, CancellationToken cancel)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new CorralException("corral up -d is not available on Windows yet: run corral up in a console of its own.");
        }

        var file = FleetFile.Load(fleetPath);
        var setsid = ProcessLauncher.SessionStarter ?? throw new CorralException("corral up -d needs setsid(1) to leave the fleet in a session of its own.");
        var log = Path.Combine(RunFile.LogDirectoryFor(file.Path), "up.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        string[] argv = ["-c", "exec \"$@\" >>\"$LOG\" 2>&1 </dev/null", "sh", setsid, .. Self(), "up", file.Path, .. upArguments];
        foreach (var arg in argv)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LOG"] = log;
        using var detached = Process.Start(info) ?? throw new CorralException("could not start the detached corral up");
        var limit = file.Fleet.Processes.Select(p => p.Readiness?.Timeout ?? TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max() + TimeSpan.FromSeconds(60);
        var deadline = Timing.Deadline.In(limit);
        while (!deadline.HasPassed)
        {
            if (RunFile.Read(file.Path) is { Ready: true } run && run.Pid == detached.Id)
            {
                Console.Error.WriteLine($"corral: {file.Path} is up: every process ready; detached corral pid {detached.Id} (log {log}); 'corral down {fleetPath}' stops it");
                return ExitCodes.Success;
            }

            if (detached.HasExited)
            {
                Console.Error.WriteLine($"corral: the detached corral up ended (exit code {detached.ExitCode}) before the fleet was ready; its last lines:");
                foreach (var line in Server.Logs.LogFiles.Tail(log, 15))
                {
                    Console.Error.WriteLine($"  {line}");
                }

                return detached.ExitCode == 0 ? ExitCodes.Failure : detached.ExitCode;
            }

            await Task.Delay(25, cancel).ConfigureAwait(false);
        }

        Console.Error.WriteLine($"corral: the fleet was not ready within {limit.TotalSeconds:0} s; stopping the detached corral (pid {detached.Id})");
        Signals.ProcessSignaller.Send(ProcessTable.Get(detached.Id)?.Id ?? new ProcessId(detached.Id, 0), Signals.Signal.Term);
        return ExitCodes.Failure;
    }

    // How this corral was started: the native binary itself, or dotnet with corral.dll.
    private static string[] Self()
    {
        var process = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, Path.Combine(AppContext.BaseDirectory, "corral.dll")] : [process];
    }
}
