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
            LogsCommand.Create(),
            InspectCommand.Create(),
        };
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
