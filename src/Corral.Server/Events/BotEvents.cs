using Corral.Contracts;
using Corral.Supervision;

namespace Corral.Server.Events;

/// <summary>A lifecycle event as the event stream carries it.</summary>
public static class BotEvents
{
    public static BotEvent From(UnitEvent e, string name) =>
        new(e.Kind.ToString().ToLowerInvariant(), name, e.At, e.Pid, e.Status, e.ExitCode, e.Kind == UnitEventKind.Ready ? null : e.Detail, e.Killed);
}
