using System.CommandLine;
using Corral.Cli.Client;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral events</c>: the daemon's lifecycle events as they happen, one JSON object per line on stdout (the SSE
/// stream's data, without its opening snapshot of every bot), until Ctrl+C or the daemon ends; with <c>--until KIND</c>,
/// until the first event of that kind.
/// </summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var until = new Option<string>("--until") { Description = "stop after the first event of this kind (launched, ready, stopped, exited, ...)" };
        var fleet = new Argument<string?>("fleet") { Description = "a fleet file: the events of the corral up running it", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("events", "Print the daemon's (or a running fleet's) events as JSON lines as they happen.") { fleet, until };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse, parse.GetValue(fleet), Timeout.InfiniteTimeSpan);
            using var response = await client.GetAsync("v1/events", HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false));
            var last = parse.GetValue(until);
            string? kind = null;
            try
            {
                while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        kind = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind != "snapshot")
                    {
                        await Console.Out.WriteLineAsync(line[6..]).ConfigureAwait(false);
                        await Console.Out.FlushAsync(cancel).ConfigureAwait(false);
                        if (last is not null && kind == last)
                        {
                            break;
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends the stream.
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
