using System.CommandLine;
using System.Globalization;
using Corral.Cli.Client;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral logs NAME [-f] [--tail N] [--since 5m] [--stream stdout|stderr]</c>: a bot's output, followed until Ctrl+C with -f; <c>corral logs FLEET [PROCESS]</c>:
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
        var tail = new Option<int?>("--tail") { Description = "how many lines from the end, of stdout and of stderr each (default 200; with --since, all)" };
        var since = new Option<string?>("--since") { Description = "only lines written since then: a duration back (5m, 1h30m) or a time (2026-11-24T10:00:00Z), to about a second" };
        var stream = new Option<string?>("--stream") { Description = "only stdout or only stderr (default: both; stderr lines red on a terminal)" };
        stream.AcceptOnlyFromAmong("stdout", "stderr", "all");
        var command = new Command("logs", "Print a bot's output (or a running fleet's).") { name, member, follow, tail, since, stream };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var (fleet, bot) = FleetTarget.Split(parse.GetValue(name)!, parse.GetValue(member));
            using var client = daemon.Connect(parse, fleet, Timeout.InfiniteTimeSpan);
            var from = parse.GetValue(since);
            var count = parse.GetValue(tail) ?? (from is null ? 200 : bot is null ? Contracts.LogTails.PerBotMerged : Contracts.LogTails.PerBot);
            var lines = count.ToString(CultureInfo.InvariantCulture);
            var path = (bot is null ? $"v1/logs?tail={lines}" : $"v1/bots/{Uri.EscapeDataString(bot)}/logs?tail={lines}")
                + "&format=json"
                + (parse.GetValue(stream) is { } only ? $"&stream={only}" : "")
                + (from is null ? "" : $"&since={Uri.EscapeDataString(from)}")
                + (parse.GetValue(follow) ? "&follow=true" : "");
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            try
            {
                await PrintAsync(body, parse.GetValue(daemon.Json), merged: bot is null, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends a follow.
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // The daemon sends one {"bot", "stream", "line"} object per line: --json passes them on as they are; text is the
    // line (after "bot | " in a merged log), stderr's in red on a terminal.
    private static async Task PrintAsync(Stream body, bool json, bool merged, CancellationToken cancel)
    {
        var red = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } text)
        {
            if (json)
            {
                await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
            }
            else if (System.Text.Json.JsonSerializer.Deserialize(text, Contracts.ApiJsonContext.Default.LogLineDto) is { } entry)
            {
                var line = merged ? $"{entry.Bot} | {entry.Line}" : entry.Line;
                await Console.Out.WriteLineAsync(red && entry.Stream == "stderr" ? $"\e[31m{line}\e[0m" : line).ConfigureAwait(false);
            }

            await Console.Out.FlushAsync(cancel).ConfigureAwait(false);
        }
    }
}
