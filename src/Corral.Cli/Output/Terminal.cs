using Corral.Fleet;
using Corral.Processes;

namespace Corral.Cli.Output;

/// <summary>
/// Human output: progress on stderr (launching, ready in N ms, stopped), process output on stdout prefixed with
/// the process name like docker compose, coloured when stdout is a terminal and NO_COLOR is unset.
/// </summary>
internal sealed class Terminal(bool quiet)
{
    private static readonly string[] Palette = ["\e[36m", "\e[33m", "\e[32m", "\e[35m", "\e[34m", "\e[91m", "\e[92m", "\e[93m"];
    private readonly bool colorOut = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly bool colorErr = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Dictionary<string, string> colors = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int width = 8;

    public void Event(FleetEvent e)
    {
        var text = e.Kind switch
        {
            FleetEventKind.Launching => $"{e.Process}: launching",
            FleetEventKind.Launched => $"{e.Process}: launched (pid {e.Pid})",
            FleetEventKind.Ready => $"{e.Process}: ready in {Ms(e.Elapsed)}",
            FleetEventKind.Failed => $"{e.Process}: FAILED after {Ms(e.Elapsed)}",
            FleetEventKind.Exited => $"{e.Process}: exited on its own ({e.Detail})",
            FleetEventKind.Stopping => quiet ? null : $"{e.Process}: stopping",
            FleetEventKind.Stopped => $"{e.Process}: stopped in {Ms(e.Elapsed)}: {e.Detail}",
            _ => null,
        };
        if (text is not null && !(quiet && e.Kind is FleetEventKind.Launching or FleetEventKind.Launched))
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

                Console.Out.WriteLine($"{color}{name} |\e[0m {line.Text}");
            }
            else
            {
                Console.Out.WriteLine($"{name} | {line.Text}");
            }
        }
    }

    private static string Ms(TimeSpan? elapsed) => elapsed is { } e ? $"{e.TotalMilliseconds:0} ms" : "?";
}
