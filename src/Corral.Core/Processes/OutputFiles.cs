namespace Corral.Processes;

/// <summary>The files a detached process appends its output to; <see cref="Stderr"/> null: stderr goes into the stdout file.</summary>
public sealed record OutputFiles(string Stdout, string? Stderr);
