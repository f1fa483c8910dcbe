namespace Corral.Server.Bots;

/// <summary>
/// What the read side of the API shows (listing, one bot, its logs, events, metrics, the dashboard): the daemon's
/// supervised bots, or the members of a fleet a <c>corral up --listen</c> runs.
/// </summary>
public interface IBotCatalog
{
    IReadOnlyList<Bot> Bots { get; }

    /// <summary>The bot; <see cref="BotNotFoundException"/> when there is none of that name.</summary>
    Bot Get(string name);

    /// <summary>How the bots' processes are held (cgroup, session, job object, container).</summary>
    string Containment { get; }

    /// <summary>The bot's runs that ended, oldest first.</summary>
    IReadOnlyList<(DateTimeOffset At, int? ExitCode, string Reason)> ExitHistory(string name);
}
