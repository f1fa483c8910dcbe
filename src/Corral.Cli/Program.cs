using System.CommandLine;
using Corral.Cli.Commands;

namespace Corral.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Everything after the first "--" is the test command, passed through untouched.
        var split = Array.IndexOf(args, "--");
        var own = split < 0 ? args : args[..split];
        var rest = split < 0 ? [] : args[(split + 1)..];

        var root = new RootCommand("corral: launch fleets of processes, know what runs, stop them with nothing left behind.")
        {
            UpCommand.Create(rest),
            DownCommand.Create(),
            SweepCommand.Create(),
            DoctorCommand.Create(),
            ServeCommand.Create(),
            LaunchCommand.Create(),
            PsCommand.Create(),
            StopCommand.Create(),
            RestartCommand.Create(),
            ReloadCommand.Create(),
            ScaleCommand.Create(),
            LogsCommand.Create(),
            EventsCommand.Create(),
            InspectCommand.Create(),
        };
        root.Add(CompletionCommand.Create(root));
        var noColor = new Option<bool>("--no-color") { Description = "no colours in the output (as NO_COLOR=1)", Recursive = true };
        root.Add(noColor);
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        // No response files: "@FILE" is an argument of ours (launch --config @FILE), not a file of arguments.
        var parsed = root.Parse(own, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"corral: {error.Message}");
            }

            Console.Error.WriteLine("Run 'corral --help' for usage.");
            return ExitCodes.Usage;
        }

        if (parsed.GetValue(noColor))
        {
            Environment.SetEnvironmentVariable("NO_COLOR", "1");
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows() && parsed.CommandResult.Command.Name is "up" or "down" or "sweep" or "doctor" or "serve")
        {
            // Containment (cgroups, sessions, job objects) and the process table exist for Linux and Windows only; the
            // client verbs (ps, launch, stop, logs, ...) talk to a daemon over HTTP and work anywhere.
            Console.Error.WriteLine($"corral: '{parsed.CommandResult.Command.Name}' is not supported on {System.Runtime.InteropServices.RuntimeInformation.OSDescription} yet: it runs on Linux and Windows. The client verbs (ps, launch, stop, logs, inspect) work against a daemon on either.");
            return ExitCodes.Failure;
        }

        try
        {
            // corral handles its own signals (it must outlive them to tear down) and reports its own errors.
            var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
            return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e);
        }
    }
}
