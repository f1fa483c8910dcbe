using Corral.Fleet;
using Corral.Supervision;

namespace Corral.Config;

/// <summary>
/// A registered bot type: what to run (a process spec whose placeholders include <c>{name}</c>), restarts, logs, and for
/// the docker and swarm strategies the image (whose own command runs when the type gives none).
/// </summary>
public sealed record BotTypeSpec(ProcessSpec Process, RestartSpec Restart, LogRotationSpec Logs)
{
    public string? Image { get; init; }
}
