namespace Corral.Processes;

/// <summary>Where reading a detached process's log files begins: their lengths before it started writing.</summary>
public readonly record struct LogStart(long Stdout, long Stderr)
{
    /// <summary>Past the end of both files: reading starts at what is written from now on.</summary>
    public static LogStart AtEnd { get; } = new(long.MaxValue, long.MaxValue);

    public static long LengthOf(string? path) => path is not null && File.Exists(path) ? new FileInfo(path).Length : 0;
}
