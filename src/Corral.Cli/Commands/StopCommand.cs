using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary><c>corral stop NAME</c> or <c>corral stop --all</c>: prints what each stop signalled and killed.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot to stop", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "stop every bot" };
        var command = new Command("stop", "Stop a bot (or --all) and every process it started.") { name, all };
        daemon.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(name) is null) == !result.GetValue(all))
            {
                result.AddError("give a bot name or --all (not both)");
            }
        });
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse);
            var json = parse.GetValue(daemon.Json);
            if (parse.GetValue(all))
            {
                using var response = await client.PostAsync("v1/launcher/stop", "{\"all\": true}", cancel).ConfigureAwait(false);
                var stopped = await DaemonClient.ReadAsync(response, ApiJsonContext.Default.StopAllDto).ConfigureAwait(false);
                if (json)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(stopped, ApiJsonContext.Default.StopAllDto));
                }

                foreach (var report in stopped.Stopped)
                {
                    Describe(report);
                }

                return stopped.Stopped.All(r => r.ProvenEmpty) ? ExitCodes.Success : ExitCodes.TeardownFailed;
            }

            using (var response = await client.PostAsync($"v1/launcher/stop/{Uri.EscapeDataString(parse.GetValue(name)!)}", null, cancel).ConfigureAwait(false))
            {
                var report = await DaemonClient.ReadAsync(response, ApiJsonContext.Default.StopReportDto).ConfigureAwait(false);
                if (json)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(report, ApiJsonContext.Default.StopReportDto));
                }

                Describe(report);
                return report.ProvenEmpty ? ExitCodes.Success : ExitCodes.TeardownFailed;
            }
        });
        return command;
    }

    private static void Describe(StopReportDto report) =>
        Console.Error.WriteLine(
            $"{report.BotName}: stopped in {report.DurationMs:0} ms: {report.Signalled.Count} signalled, "
            + $"{report.ExitedBySignal.Count} exited by {report.Signal ?? "the signal"}, {report.Killed.Count} killed"
            + (report.ExitCode is { } code ? $", exit code {code}" : "")
            + (report.ProvenEmpty ? "" : "; NOT proven empty, still alive: "
                + string.Join(", ", report.Survivors.Select(s => $"pid {s.Pid} ({s.Command})"))));
}
