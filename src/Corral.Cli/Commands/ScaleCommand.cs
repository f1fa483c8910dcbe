using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary><c>corral scale NAME N</c>: a service bot's replicas (strategy swarm), as the API's scale.</summary>
internal static class ScaleCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot to scale (a service bot: strategy swarm)" };
        var replicas = new Argument<int>("replicas") { Description = "how many replicas it runs from now on (0-1000)" };
        var command = new Command("scale", "Set how many replicas a service bot runs.") { name, replicas };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse);
            using var response = await client.PostAsync(
                $"v1/launcher/scale/{Uri.EscapeDataString(parse.GetValue(name)!)}",
                JsonSerializer.Serialize(new ScaleRequest(parse.GetValue(replicas)), ApiJsonContext.Default.ScaleRequest),
                cancel).ConfigureAwait(false);
            await DaemonClient.PrintBotAsync(response, parse.GetValue(daemon.Json),
                bot => $"{bot.BotName}: {bot.Status}, scaling to {parse.GetValue(replicas)} replica(s)").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
