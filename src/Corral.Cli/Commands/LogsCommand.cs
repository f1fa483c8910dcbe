using System.CommandLine;
using System.Globalization;
using Corral.Cli.Client;
using Corral.Cli.Output;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral logs NAME [-f] [--tail N]</c>: a bot's output, followed until Ctrl+C with -f; <c>corral logs FLEET [PROCESS]</c>:
/// a running fleet's output (every process as <c>name | line</c>, or one).
/// </summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot, or a fleet file (every process's output, or the one named next)" };
        var member = new Argument<string?>("process") { Description = "with a fleet file: only this process (client#0)", Arity = ArgumentArity.ZeroOrOne };
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing new lines" };
        var tail = new Option<int>("--tail") { Description = "how many lines from the end", DefaultValueFactory = _ => 200 };
        var command = new Command("logs", "Print a bot's output (or a running fleet's).") { name, member, follow, tail };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var (fleet, bot) = FleetTarget.Split(parse.GetValue(name)!, parse.GetValue(member));
            using var client = daemon.Connect(parse, fleet, Timeout.InfiniteTimeSpan);
            var lines = parse.GetValue(tail).ToString(CultureInfo.InvariantCulture);
            var path = (bot is null ? $"v1/logs?tail={lines}" : $"v1/bots/{Uri.EscapeDataString(bot)}/logs?tail={lines}")
                + (parse.GetValue(follow) ? "&follow=true" : "");
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            try
            {
                if (parse.GetValue(daemon.Json))
                {
                    await WriteJsonLinesAsync(body, bot, cancel).ConfigureAwait(false);
                }
                else
                {
                    await using var stdout = Console.OpenStandardOutput();
                    await body.CopyToAsync(stdout, cancel).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends a follow.
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // One JSON object per line: {"bot": NAME, "line": TEXT}; a merged log's "name | " prefix becomes the bot.
    private static async Task WriteJsonLinesAsync(Stream body, string? bot, CancellationToken cancel)
    {
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            var separator = bot is null ? line.IndexOf(" | ", StringComparison.Ordinal) : -1;
            var entry = separator < 0 ? new LogLineJson(bot ?? "", line) : new LogLineJson(line[..separator], line[(separator + 3)..]);
            await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(entry, JsonLinesContext.Default.LogLineJson)).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancel).ConfigureAwait(false);
        }
    }
}
