namespace Corral.Processes;

/// <summary>One line a managed process wrote, with where it came from.</summary>
public sealed record OutputLine(string Source, bool IsError, string Text);
