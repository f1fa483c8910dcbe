using Corral.Fleet;
using Corral.Supervision;

namespace Corral.Config;

/// <summary>A registered bot type: what to run (a process spec whose placeholders include <c>{name}</c>), restarts, logs.</summary>
public sealed record BotTypeSpec(ProcessSpec Process, RestartSpec Restart, LogRotationSpec Logs);
