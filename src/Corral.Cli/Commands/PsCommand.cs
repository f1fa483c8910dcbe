using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary><c>corral ps [FLEET]</c>: the daemon's bots, or a running fleet's processes, as a table (or its JSON).</summary>
internal static class PsCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var fleet = new Argument<string?>("fleet") { Description = "a fleet file: list the processes of the corral up running it", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("ps", "List the daemon's bots (or a running fleet's processes): pid, status, child processes, ports, restarts, CPU, memory.")
        {
            fleet,
        };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var client = daemon.Connect(parse, parse.GetValue(fleet));
            using var response = await client.GetAsync("v1/bots/", cancel: cancel).ConfigureAwait(false);
            var list = await DaemonClient.ReadAsync(response, ApiJsonContext.Default.BotListDto).ConfigureAwait(false);
            if (parse.GetValue(daemon.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(list, ApiJsonContext.Default.BotListDto));
                return ExitCodes.Success;
            }

            Print(list);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(BotListDto list)
    {
        string[] header = ["NAME", "TYPE", "STATUS", "HEALTH", "PID", "CHILDREN", "PORTS", "RESTARTS", "UPTIME", "CPU", "MEMORY"];
        var rows = list.Bots.Select(b => new[]
        {
            b.BotName,
            b.BotType,
            b.Status,
            b.Health,
            b.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
            b.ChildProcesses.ToString(CultureInfo.InvariantCulture),
            b.Ports.Count == 0 ? "-" : string.Join(',', b.Ports),
            b.Restarts.ToString(CultureInfo.InvariantCulture),
            b.Pid is null || b.StartedAt is null ? "-" : Uptime(DateTimeOffset.UtcNow - b.StartedAt.Value),
            $"{b.CpuSeconds:0.##}s",
            $"{b.MemoryBytes / (1024.0 * 1024):0.#}MiB",
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            var bot = index == 0 ? null : list.Bots[index - 1];
            foreach (var task in bot?.Tasks ?? [])
            {
                // A Swarm service: one line per task, where it runs and in which container.
                Console.Out.WriteLine(
                    $"  task {task.Slot?.ToString(CultureInfo.InvariantCulture) ?? "-"} {task.State} on {task.Node ?? "?"}"
                    + $" container {task.ContainerId?[..Math.Min(12, task.ContainerId.Length)] ?? "-"} pid {task.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
                    + (task.Error is { Length: > 0 } error ? $" ({error})" : ""));
            }
        }
    }

    private static string Uptime(TimeSpan span) => span.TotalDays >= 1
        ? $"{(int)span.TotalDays}d{span.Hours}h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes}m" : $"{(int)span.TotalMinutes}m{span.Seconds}s";
}
