using System.CommandLine;
using System.Globalization;
using Corral.Cli.Client;

namespace Corral.Cli.Commands;

/// <summary><c>corral logs NAME [-f] [--tail N]</c>: a bot's output, followed until Ctrl+C with -f.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var name = new Argument<string>("name") { Description = "the bot" };
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing new lines" };
        var tail = new Option<int>("--tail") { Description = "how many lines from the end", DefaultValueFactory = _ => 200 };
        var command = new Command("logs", "Print a bot's output.") { name, follow, tail };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse, Timeout.InfiniteTimeSpan);
            var path = $"v1/bots/{Uri.EscapeDataString(parse.GetValue(name)!)}/logs?tail={parse.GetValue(tail).ToString(CultureInfo.InvariantCulture)}"
                + (parse.GetValue(follow) ? "&follow=true" : "");
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            await using var stdout = Console.OpenStandardOutput();
            try
            {
                await body.CopyToAsync(stdout, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends a follow.
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
