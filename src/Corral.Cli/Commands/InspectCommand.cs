using System.CommandLine;
using Corral.Cli.Client;

namespace Corral.Cli.Commands;

/// <summary><c>corral inspect NAME</c>: everything the daemon knows about one bot, as JSON.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot" };
        var command = new Command("inspect", "Show one bot in full (JSON): command, unit, ports, exit history.") { name };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse);
            using var response = await client.GetAsync($"v1/bots/{Uri.EscapeDataString(parse.GetValue(name)!)}/inspect", cancel: cancel).ConfigureAwait(false);
            Console.Out.WriteLine(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false));
            return ExitCodes.Success;
        });
        return command;
    }
}
