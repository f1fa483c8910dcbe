using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary><c>corral launch NAME --type T [--config JSON|@file] [--wait]</c>.</summary>
internal static class LaunchCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot's name" };
        var type = new Option<string>("--type") { Description = "a type registered in the daemon's corral.yaml", Required = true };
        var config = new Option<string>("--config") { Description = "the bot's config: a JSON object, or @FILE to read it from a file" };
        var wait = new Option<bool>("--wait") { Description = "return only once the bot is ready" };
        var command = new Command("launch", "Launch a bot through the daemon.") { name, type, config, wait };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var configJson = ReadConfig(parse.GetValue(config));
            var request = new LaunchRequest(parse.GetValue(name), parse.GetValue(type), configJson);
            using var client = daemon.Connect(parse);
            using var response = await client.PostAsync(
                parse.GetValue(wait) ? "v1/launcher/launch?wait=ready" : "v1/launcher/launch",
                JsonSerializer.Serialize(request, ApiJsonContext.Default.LaunchRequest),
                cancel).ConfigureAwait(false);
            await DaemonClient.PrintBotAsync(response, parse.GetValue(daemon.Json),
                bot => $"{bot.BotName}: {bot.Status} (pid {bot.Pid}{(bot.Ports.Count > 0 ? $", port {string.Join(',', bot.Ports)}" : "")})").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonElement? ReadConfig(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var text = value.StartsWith('@') ? File.ReadAllText(value[1..]) : value;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new ArgumentException($"--config must be a JSON object, got {document.RootElement.ValueKind}.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--config is not valid JSON: {e.Message}");
        }
    }
}
