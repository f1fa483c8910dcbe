using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary><c>corral restart NAME</c>.</summary>
internal static class RestartCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot to restart" };
        var command = new Command("restart", "Restart a bot with the same config.") { name };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse);
            using var response = await client.PostAsync($"v1/launcher/restart/{Uri.EscapeDataString(parse.GetValue(name)!)}", null, cancel).ConfigureAwait(false);
            var bot = await DaemonClient.ReadAsync(response, ApiJsonContext.Default.BotDto).ConfigureAwait(false);
            Console.Out.WriteLine(parse.GetValue(daemon.Json)
                ? JsonSerializer.Serialize(bot, ApiJsonContext.Default.BotDto)
                : $"{bot.BotName}: {bot.Status} (pid {bot.Pid}, restarts {bot.Restarts})");
            return ExitCodes.Success;
        });
        return command;
    }
}
