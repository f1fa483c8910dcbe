using System.Globalization;
using Corral.Supervision;
using Corral.Processes;

namespace Corral.Cli.Output;

/// <summary>
/// Human output: progress on stderr (launching, ready in N ms, stopped), process output on stdout prefixed with
/// the process name like docker compose, coloured when stdout is a terminal and NO_COLOR is unset (a process's
/// stderr lines in red). With
/// <paramref name="json"/>, stdout carries data only: every event and output line as one JSON object per line.
/// </summary>
internal sealed class Terminal(bool quiet, bool json = false)
{
    private static readonly string[] Palette = ["\e[36m", "\e[33m", "\e[32m", "\e[35m", "\e[34m", "\e[91m", "\e[92m", "\e[93m"];
    private readonly bool colorOut = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly bool colorErr = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Dictionary<string, string> colors = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int width = 8;

    public void Event(UnitEvent e)
    {
        if (json && e.Kind is not (UnitEventKind.Launching or UnitEventKind.Stopping))
        {
            Json(new UpLineJson(Server.Events.BotEvents.From(e, e.Unit), null));
        }

        var text = e.Kind switch
        {
            UnitEventKind.Launching => quiet ? null : $"{e.Unit}: launching",
            UnitEventKind.Launched => quiet ? null : $"{e.Unit}: launched (pid {e.Pid})",
            UnitEventKind.Ready => $"{e.Unit}: ready in {Ms(e.Elapsed)}",
            UnitEventKind.Failed when e.Report is { } report => $"{e.Unit}: stopped in {Ms(report.Duration)} but NOT proven empty: {e.Detail}",
            UnitEventKind.Failed => $"{e.Unit}: FAILED after {Ms(e.Elapsed)}",
            UnitEventKind.Exited => $"{e.Unit}: exited on its own (exit code {e.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})",
            UnitEventKind.Backoff => $"{e.Unit}: {e.Detail}",
            UnitEventKind.Restarted => $"{e.Unit}: restarted (pid {e.Pid}, {e.Detail})",
            UnitEventKind.Stopping => quiet ? null : $"{e.Unit}: stopping",
            UnitEventKind.Stopped => $"{e.Unit}: stopped in {Ms(e.Elapsed)}: {e.Detail}",
            UnitEventKind.Unhealthy => $"{e.Unit}: UNHEALTHY: {e.Detail}",
            UnitEventKind.Healthy => $"{e.Unit}: healthy again",
            UnitEventKind.Limited => $"{e.Unit}: LIMITED: {e.Detail}",
            _ => null,
        };
        if (text is not null)
        {
            Status(text);
        }
    }

    public void Status(string text)
    {
        lock (gate)
        {
            Console.Error.WriteLine(colorErr ? $"\e[2mcorral\e[0m {text}" : $"corral {text}");
        }
    }

    public void Line(OutputLine line)
    {
        if (json)
        {
            Json(new UpLineJson(null, new OutputLineJson(line.Source, line.Text, line.IsError ? "stderr" : "stdout")));
            return;
        }

        if (quiet)
        {
            return;
        }

        lock (gate)
        {
            width = Math.Max(width, line.Source.Length);
            var name = line.Source.PadRight(width);
            if (colorOut)
            {
                if (!colors.TryGetValue(line.Source, out var color))
                {
                    colors[line.Source] = color = Palette[colors.Count % Palette.Length];
                }

                Console.Out.WriteLine(line.IsError ? $"{color}{name} |\e[0m \e[31m{line.Text}\e[0m" : $"{color}{name} |\e[0m {line.Text}");
            }
            else
            {
                Console.Out.WriteLine($"{name} | {line.Text}");
            }
        }
    }

    private void Json(UpLineJson line)
    {
        lock (gate)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(line, JsonLinesContext.Default.UpLineJson));
        }
    }

    private static string Ms(TimeSpan? elapsed) => elapsed is { } e ? $"{e.TotalMilliseconds:0} ms" : "?";
}
