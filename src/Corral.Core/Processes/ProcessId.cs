namespace Corral.Processes;

/// <summary>
/// A process identity that survives pid reuse: the pid plus the kernel's start time of that process.
/// Two different processes never share both, so Corral signals nothing it has not identified this way.
/// </summary>
public readonly record struct ProcessId(int Pid, ulong StartTime)
{
    public override string ToString() => $"{Pid}-{StartTime}";

    /// <summary>Parses the <c>pid-starttime</c> form used in <c>CORRAL_OWNER</c> and state files.</summary>
    public static bool TryParse(string? text, out ProcessId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !int.TryParse(text.AsSpan(0, dash), out var pid)
            || !ulong.TryParse(text.AsSpan(dash + 1), out var start))
        {
            return false;
        }

        id = new ProcessId(pid, start);
        return true;
    }
}
