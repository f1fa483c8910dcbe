using Corral.Fleet;
using Corral.Supervision;

namespace Corral.Config;

/// <summary>
/// A registered bot type: what to run (a process spec whose placeholders include <c>{name}</c>, with its restart block
/// and, for the docker and swarm strategies, its image) and how its log is rotated.
/// </summary>
public sealed record BotTypeSpec(ProcessSpec Process, LogRotationSpec Logs)
{
    /// <summary>The type's <c>restart:</c> block: the same as a fleet process's.</summary>
    public RestartSpec Restart => Process.Restart;
}
