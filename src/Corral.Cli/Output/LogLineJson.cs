namespace Corral.Cli.Output;

/// <summary>One line of <c>corral logs --json</c>.</summary>
internal sealed record LogLineJson(string Bot, string Line);
