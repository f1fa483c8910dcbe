using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Output;
using Corral.Cli.Runs;
using Corral.Config;
using Corral.Processes;
using Corral.Signals;
using Corral.Sweep;
using Corral.Timing;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral down FLEET</c>: asks the <c>corral up</c> running that fleet to tear down (SIGTERM, then waits for it);
/// if that corral is dead or does not finish in time, kills what it launched directly, by owner tag and cgroup.
/// </summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var fleet = new Argument<string>("fleet") { Description = "the fleet file a 'corral up' is running" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "how long to wait for the running corral (default: the longest stop grace + 30s)",
        };
        var json = new Option<bool>("--json") { Description = "print the outcome as JSON on stdout" };
        var command = new Command("down", "Tear down a fleet that another 'corral up' is running.") { fleet, timeout, json };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(fleet)!, parse.GetValue(timeout), parse.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(string fleetPath, string? timeoutText, bool json)
    {
        var file = FleetFile.Load(fleetPath);
        var timeout = timeoutText is null
            ? file.Fleet.Processes.Max(p => p.StopGrace) + TimeSpan.FromSeconds(30)
            : Duration.TryParse(timeoutText, out var parsed) ? parsed : throw new ArgumentException($"--timeout: not a duration: '{timeoutText}'");
        var run = RunFile.Read(file.Path);
        if (run is null || !ProcessId.TryParse(run.Owner, out var owner))
        {
            return Print(json, new DownJson(file.Path, "not-running", null, 0), $"no running corral up for {file.Path}");
        }

        if (ProcessTable.IsAlive(owner))
        {
            (run with { DownRequested = true }).Write();
            ProcessSignaller.Send(owner, Signal.Term);
            Console.Error.WriteLine($"corral: asked corral pid {owner.Pid} to tear down {file.Path}; waiting up to {timeout.TotalSeconds:0} s");
            if (await WaitGoneAsync(owner, timeout).ConfigureAwait(false))
            {
                return Print(json, new DownJson(file.Path, "stopped", owner.Pid, 0), "fleet stopped");
            }

            Console.Error.WriteLine($"corral: pid {owner.Pid} did not finish in time; killing it and what it launched");
            ProcessSignaller.Send(owner, Signal.Kill);
            await WaitGoneAsync(owner, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        var result = await Sweeper.KillOwnerAsync(run.Owner).ConfigureAwait(false);
        File.Delete(RunFile.PathFor(file.Path));
        return Print(json, new DownJson(file.Path, "cleaned-up", owner.Pid, result.Processes.Count),
            $"the corral that ran {file.Path} was gone; killed {result.Processes.Count} process(es) it left");
    }

    private static async Task<bool> WaitGoneAsync(ProcessId owner, TimeSpan timeout)
    {
        var deadline = Deadline.In(timeout);
        while (ProcessTable.IsAlive(owner))
        {
            if (deadline.HasPassed)
            {
                return false;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }

    private static int Print(bool json, DownJson outcome, string message)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(outcome, CliJsonContext.Default.DownJson));
        }

        Console.Error.WriteLine($"corral: {message}");
        return ExitCodes.Success;
    }
}
