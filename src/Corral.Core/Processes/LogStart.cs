namespace Corral.Processes;

/// <summary>Where reading a detached process's log files begins: their lengths before it started writing.</summary>
public readonly record struct LogStart(long Stdout, long Stderr)
{
    public static long LengthOf(string? path) => path is not null && File.Exists(path) ? new FileInfo(path).Length : 0;
}
