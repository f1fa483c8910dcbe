namespace Corral.Exceptions;

/// <summary>A process did not become ready: it timed out, or it exited first. Carries what a user needs to see why.</summary>
public sealed class ReadinessException(
    string name,
    int pid,
    string probe,
    string reason,
    string lastError,
    int? exitCode,
    IReadOnlyList<string> lastLines)
    : CorralException(Format(name, pid, probe, reason, lastError, lastLines))
{
    public string Name { get; } = name;

    public int Pid { get; } = pid;

    public string Probe { get; } = probe;

    public string LastError { get; } = lastError;

    public int? ExitCode { get; } = exitCode;

    public IReadOnlyList<string> LastLines { get; } = lastLines;

    private static string Format(string name, int pid, string probe, string reason, string lastError, IReadOnlyList<string> lines)
    {
        var text = $"{name} (pid {pid}) failed readiness probe '{probe}': {reason}; last probe error: {lastError}.";
        return lines.Count == 0
            ? text + " It printed nothing."
            : text + $" Its last {lines.Count} line(s) of output:" + string.Concat(lines.Select(l => "\n    " + l));
    }
}
