namespace Corral.Supervision;

/// <summary>Rotate a log file once it exceeds <see cref="MaxSize"/> bytes, keeping <see cref="Keep"/> old files.</summary>
public sealed record LogRotationSpec(long MaxSize, int Keep)
{
    /// <summary>How long the log files of a removed bot are kept after their last write (for a post-mortem).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(1);

    public static LogRotationSpec Default { get; } = new(10 * 1024 * 1024, 5);
}
