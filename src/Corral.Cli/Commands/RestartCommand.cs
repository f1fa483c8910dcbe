using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary><c>corral restart NAME</c>, or <c>corral restart FLEET PROCESS</c> for one process of a running fleet.</summary>
internal static class RestartCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot to restart, or a fleet file followed by the process (client#0)" };
        var member = new Argument<string?>("process") { Description = "with a fleet file: the process to restart", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("restart", "Restart a bot with the same config (or one process of a running fleet).") { name, member };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var (fleet, process) = FleetTarget.Split(parse.GetValue(name)!, parse.GetValue(member));
            var target = process ?? throw new ArgumentException("restart FLEET PROCESS: name the process to restart, such as client#0");
            using var client = daemon.Connect(parse, fleet);
            using var response = await client.PostAsync($"v1/launcher/restart/{Uri.EscapeDataString(target)}", null, cancel).ConfigureAwait(false);
            await DaemonClient.PrintBotAsync(response, parse.GetValue(daemon.Json),
                bot => $"{bot.BotName}: {bot.Status} (pid {bot.Pid}, restarts {bot.Restarts})").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
