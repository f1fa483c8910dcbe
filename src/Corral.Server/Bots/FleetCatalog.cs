using System.Collections.Concurrent;
using Corral.Fleet;
using Corral.Supervision;

namespace Corral.Server.Bots;

/// <summary>
/// The replicas of a fleet that <c>corral up</c> runs, shown as bots (name <c>client#0</c>, type <c>client</c>) to the
/// read side of the API and the dashboard: the same engine, so the same listing, logs, events and metrics.
/// </summary>
public sealed class FleetCatalog(string containment) : IBotCatalog
{
    // A process in a crash loop for a day must not grow the history without end.
    private const int HistoryLimit = 100;

    private readonly ConcurrentDictionary<string, Bot> bots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset, int?, string)>> exits = new(StringComparer.Ordinal);

    public IReadOnlyList<Bot> Bots => [.. bots.Values.OrderBy(b => b.Name, StringComparer.Ordinal)];

    public string Containment => containment;

    public Bot Get(string name) => bots.TryGetValue(name, out var bot) ? bot : throw new BotNotFoundException(name);

    /// <summary>The fleet process a replica belongs to (<c>client</c> for <c>client#0</c>); null before it is added.</summary>
    public string? TypeOf(string name) => bots.TryGetValue(name, out var bot) ? bot.Type : null;

    public IReadOnlyList<(DateTimeOffset At, int? ExitCode, string Reason)> ExitHistory(string name) =>
        exits.TryGetValue(name, out var history) ? [.. history] : [];

    public void Add(FleetMember member)
    {
        var bot = new Bot(member.DisplayName, member.Spec.Name, "{}", member.LogFile ?? "")
        {
            Lifecycle = member.Lifecycle,
            Ports = member.Port is { } port ? [port] : [],
        };
        bots[bot.Name] = bot;
    }

    /// <summary>Keeps the exit history the daemon keeps in its state file, in memory for the run: the last 100 per process.</summary>
    public void Record(UnitEvent e)
    {
        if (e.Kind is UnitEventKind.Exited or UnitEventKind.Stopped)
        {
            var history = exits.GetOrAdd(e.Unit, _ => new());
            history.Enqueue((e.At, e.ExitCode, e.Kind == UnitEventKind.Exited ? e.Detail ?? "exited" : "stopped"));
            while (history.Count > HistoryLimit && history.TryDequeue(out _))
            {
            }
        }
    }
}
