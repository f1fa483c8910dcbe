using Corral.Config;
using Corral.Exceptions;

namespace Corral.Cli;

/// <summary>Turns an exception into a message on stderr and the documented exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception error)
    {
        if (error is AggregateException aggregate)
        {
            var first = aggregate.InnerExceptions[0];
            foreach (var other in aggregate.InnerExceptions.Skip(1))
            {
                Console.Error.WriteLine($"corral: also: {other.Message}");
            }

            error = first;
        }

        Console.Error.WriteLine($"corral: {error.Message}");
        if (Environment.GetEnvironmentVariable("CORRAL_TRACE") is "1")
        {
            // For a bug report: where it came from, not only what it says.
            Console.Error.WriteLine(error);
        }

        return error switch
        {
            ConfigException or FleetSpecException => ExitCodes.InvalidConfig,
            PortInUseException => ExitCodes.PortInUse,
            ReadinessException => ExitCodes.ReadinessFailed,
            ContainmentUnavailableException or LimitsUnenforceableException => ExitCodes.ContainmentUnavailable,
            LaunchException => ExitCodes.LaunchFailed,
            ContainmentException => ExitCodes.TeardownFailed,
            Client.DaemonException daemon => daemon.ExitCode,
            _ => ExitCodes.Failure,
        };
    }
}
