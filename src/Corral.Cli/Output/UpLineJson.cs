using Corral.Contracts;

namespace Corral.Cli.Output;

/// <summary>
/// One line of <c>corral up --json</c> on stdout: a lifecycle event (as the daemon's event stream carries it) or a
/// line of a process's output; exactly one of the two is set.
/// </summary>
internal sealed record UpLineJson(BotEvent? Event, OutputLineJson? Output);

/// <summary>A process's output line and its stream (<c>stdout</c> or <c>stderr</c>).</summary>
internal sealed record OutputLineJson(string Name, string Line, string Stream);
