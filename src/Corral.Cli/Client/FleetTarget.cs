using Corral.Cli.Runs;
using Corral.Exceptions;
using Corral.Processes;

namespace Corral.Cli.Client;

/// <summary>
/// A fleet file named where a verb otherwise takes a bot (<c>corral ps fleet.yaml</c>): the <c>corral up</c> running it,
/// reached through the private address and token its run file records, as compose reaches its project.
/// </summary>
internal static class FleetTarget
{
    /// <summary>True when <paramref name="argument"/> is a fleet file (YAML, existing), not a bot's name.</summary>
    public static bool IsFleet(string? argument) =>
        argument is not null
        && (argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        && File.Exists(argument);

    /// <summary>
    /// A verb's <c>NAME [PROCESS]</c>: a fleet file and the process after it (null when none is named), or a bot alone.
    /// </summary>
    public static (string? Fleet, string? Bot) Split(string first, string? second) => IsFleet(first) ? (first, second) : (null, first);

    /// <summary>A client for the running <c>corral up</c> of <paramref name="fleetFile"/>; a clear error when none runs it.</summary>
    public static DaemonClient Connect(string fleetFile, TimeSpan? timeout = null)
    {
        var run = RunFile.Read(fleetFile);
        if (run is null || !ProcessId.TryParse(run.Owner, out var owner) || !ProcessTable.IsAlive(owner))
        {
            throw new CorralException($"No corral up is running {Path.GetFullPath(fleetFile)} (start it with 'corral up {fleetFile}').");
        }

        // A corral up records its address a moment after it starts (beside the fleet's own start-up).
        var deadline = Timing.Deadline.In(TimeSpan.FromSeconds(5));
        while (run.ControlUrl is null && !deadline.HasPassed && ProcessTable.IsAlive(owner))
        {
            Thread.Sleep(20);
            run = RunFile.Read(fleetFile) ?? run;
        }

        if (run.ControlUrl is null)
        {
            throw new CorralException($"The corral up running {fleetFile} (pid {owner.Pid}) has no control address (an older corral, or it is stopping).");
        }

        return new DaemonClient(run.ControlUrl, run.ControlToken, timeout);
    }
}
