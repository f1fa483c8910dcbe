using System.CommandLine;
using System.Diagnostics;
using Corral.Cli.Output;
using Corral.Cli.Runs;
using Corral.Config;
using Corral.Fleet;
using Corral.Processes;
using Corral.Signals;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral up FLEET [-- TEST COMMAND...]</c>: start in dependency order, wait until ready, run the test command,
/// and always tear everything down in reverse order: when the test ends, on failure, on SIGINT/SIGTERM/SIGHUP.
/// </summary>
internal static class UpCommand
{
    public static Command Create(string[] testCommand)
    {
        var fleet = new Argument<string>("fleet") { Description = "the fleet file (YAML)" };
        var containment = ContainmentOption.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no process output, only status lines" };
        var listen = new Option<string>("--listen")
        {
            Description = "serve the dashboard, listing, logs, events and metrics of this fleet, read-only, on host:port (loopback)",
        };
        var json = new Option<bool>("--json") { Description = "stdout carries every event and output line as JSON lines (progress text stays on stderr)" };
        var detach = new Option<bool>("--detach", "-d") { Description = "return once every process is ready, leaving the fleet to a detached corral (corral down FLEET ends it)" };
        var wait = new Option<bool>("--wait") { Description = "as compose: detached, returning once every process is ready (the same as -d)" };
        var command = new Command("up", "Start a fleet, wait until every process is ready, run the command after '--', tear down.")
        {
            fleet, containment, quiet, listen, json, detach, wait,
        };
        command.SetAction((parse, cancel) => parse.GetValue(detach) || parse.GetValue(wait)
            ? Detach(parse.GetValue(fleet)!, testCommand, parse.GetValue(containment)!, parse.GetValue(listen), cancel)
            : RunAsync(
            parse.GetValue(fleet)!,
            testCommand,
            ContainmentOption.Parse(parse.GetValue(containment)),
            parse.GetValue(quiet),
            parse.GetValue(listen),
            parse.GetValue(json)));
        return command;
    }

    private static Task<int> Detach(string fleetPath, string[] testCommand, string containment, string? listen, CancellationToken cancel)
    {
        if (testCommand.Length > 0)
        {
            throw new ArgumentException("corral up -d runs no test command: the fleet stays up until 'corral down'.");
        }

        string[] arguments = ["--containment", containment, "--quiet", .. listen is null ? Array.Empty<string>() : ["--listen", listen]];
        return UpDetached.RunAsync(fleetPath, arguments, cancel);
    }

    private static async Task<int> RunAsync(string fleetPath, string[] testCommand, Containment.ContainmentPreference containment, bool quiet, string? listen, bool json)
    {
        var file = FleetFile.Load(fleetPath);
        using var watcher = Watching.ChangeWatcher.Create();
        var strategies = await FleetStrategiesAsync(file, watcher).ConfigureAwait(false);
        var terminal = new Terminal(quiet, json);

        // Before the view: the signals' set-up puts SIGINT's disposition back to its default, which would silently undo
        // the runtime's handler if the web host had installed it first (Ctrl+C would kill corral without a teardown).
        using var signals = new StopSignals(terminal.Status);
        await using var view = await FleetView.StartAsync(listen, file, containment, watcher).ConfigureAwait(false);
        if (listen is not null)
        {
            terminal.Status($"dashboard (read-only) at http://{listen}/");
        }

        var run = new RunFile(ProcessLauncher.OwnerId, Environment.ProcessId, file.Path, DateTimeOffset.UtcNow);
        run.Write();
        var recording = RecordControlAsync(view, run);
        var options = new FleetOptions
        {
            Containment = containment,
            Strategies = strategies,
            LogDirectory = RunFile.LogDirectoryFor(file.Path),
            OnEvent = e =>
            {
                terminal.Event(e);
                view.OnEvent(e);
            },
            OnMember = view.OnMember,
            OnOutput = terminal.Line,
            Hurry = signals.Hurry,
            Watcher = watcher,
        };

        var clock = Stopwatch.StartNew();
        Corral.Fleet.Fleet? running = null;
        int code;
        try
        {
            running = await Corral.Fleet.Fleet.UpAsync(file.Fleet, options, signals.Stop).ConfigureAwait(false);
            terminal.Status($"all {running.Members.Count} process(es) ready in {clock.ElapsedMilliseconds} ms; logs in {options.LogDirectory}");
            run.Update(current => current with { Ready = true });
            if (testCommand.Length == 0)
            {
                terminal.Status($"running; Ctrl+C or 'corral down {fleetPath}' stops the fleet");
                await WaitForStopAsync(signals.Stop).ConfigureAwait(false);
                code = DownRequested(file.Path) ? ExitCodes.Success : signals.ExitCode;
            }
            else
            {
                code = await RunTestAsync(testCommand, running, file, signals, terminal, json).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (signals.Stop.IsCancellationRequested)
        {
            terminal.Status($"interrupted by {signals.Received} while starting");
            code = DownRequested(file.Path) ? ExitCodes.Success : signals.ExitCode;
        }
        finally
        {
            await recording.ConfigureAwait(false);
            run.Delete();
        }

        return running is null ? code : await TearDownAsync(running, code, signals, terminal).ConfigureAwait(false);
    }

    // Once the private address serves, the run file names it (and its token) for ps/logs/restart/events FLEET.
    private static async Task RecordControlAsync(FleetView view, RunFile run)
    {
        try
        {
            await view.Serving.ConfigureAwait(false);
            run.Update(current => current with { ControlUrl = view.ControlUrl, ControlToken = view.ControlToken });
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The fleet runs without it: the other verbs say that this corral up cannot be reached.
        }
    }

    /// <summary>Tears the fleet down; "nothing left running" is said only when every unit was proven empty (else exit 7).</summary>
    private static async Task<int> TearDownAsync(Corral.Fleet.Fleet running, int code, StopSignals signals, Terminal terminal)
    {
        terminal.Status("tearing down");
        var report = await running.DownAsync(signals.Hurry).ConfigureAwait(false);
        foreach (var stray in report.Strays)
        {
            terminal.Status($"killed stray pid {stray.Pid} ({stray.Command})");
        }

        if (!report.ProvenEmpty)
        {
            terminal.Status($"fleet stopped in {report.Duration.TotalMilliseconds:0} ms, but NOT proven empty");
            Console.Error.WriteLine($"corral: {report.DescribeSurvivors()}");
            return ExitCodes.TeardownFailed;
        }

        terminal.Status($"fleet stopped in {report.Duration.TotalMilliseconds:0} ms; nothing left running");
        return code;
    }

    /// <summary>The docker strategy when some process of the fleet runs in a container; the engine is checked before anything starts.</summary>
    private static async Task<IReadOnlyDictionary<string, Execution.IExecutionStrategy>> FleetStrategiesAsync(FleetFile file, Watching.ChangeWatcher watcher)
    {
        if (!file.Fleet.Processes.Any(p => (p.Strategy ?? file.Fleet.Strategy) == "docker"))
        {
            return new Dictionary<string, Execution.IExecutionStrategy>();
        }

        var docker = new Docker.Engine.DockerClient();
        await docker.InfoAsync().ConfigureAwait(false);
        var probes = new ProcessLauncher(Containment.ContainmentProvider.Detect(), watcher);
        return new Dictionary<string, Execution.IExecutionStrategy> { ["docker"] = new Docker.Containers.DockerStrategy(docker, probes) };
    }

    private static async Task<int> RunTestAsync(string[] testCommand, Corral.Fleet.Fleet fleet, FleetFile file, StopSignals signals, Terminal terminal, bool json)
    {
        // One argument with spaces is a shell command line ("pytest -x tests/"); several are an argv.
        IReadOnlyList<string> argv = testCommand.Length == 1 && testCommand[0].Contains(' ', StringComparison.Ordinal)
            ? ProcessSpec.Shell(testCommand[0])
            : testCommand;

        // With --json stdout carries JSON lines only: the test command's own output goes to stderr beside the progress.
        if (json && !OperatingSystem.IsWindows())
        {
            argv = ["/bin/sh", "-c", "exec \"$@\" 1>&2", "sh", .. argv];
        }
        var environment = new Dictionary<string, string>(fleet.PortEnvironment, StringComparer.Ordinal)
        {
            ["CORRAL_FLEET"] = file.Path,
        };
        using var launcher = new ProcessLauncher(fleet.Containment, fleet.Watcher);
        terminal.Status($"running: {string.Join(' ', testCommand)}");
        await using var test = launcher.Start(new LaunchSpec("test", argv)
        {
            Environment = environment,
            InheritConsole = true,
            StopSignal = Signal.Int,
            StopGrace = TimeSpan.FromSeconds(5),
        });
        var stopped = Task.Delay(Timeout.Infinite, signals.Stop);
        if (await Task.WhenAny(test.Exited, stopped).ConfigureAwait(false) == test.Exited)
        {
            var code = await test.Exited.ConfigureAwait(false);
            terminal.Status($"test command exited with {code}");
            return code;
        }

        terminal.Status($"interrupted by {signals.Received}; stopping the test command");
        await test.StopAsync(signals.Hurry).ConfigureAwait(false);
        return signals.ExitCode;
    }

    private static async Task WaitForStopAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The signal to stop is the normal way out.
        }
    }

    private static bool DownRequested(string fleetPath) => RunFile.Read(fleetPath)?.DownRequested == true;
}
