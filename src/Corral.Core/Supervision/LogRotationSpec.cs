namespace Corral.Supervision;

/// <summary>Rotate a log file once it exceeds <see cref="MaxSize"/> bytes, keeping <see cref="Keep"/> old files.</summary>
public sealed record LogRotationSpec(long MaxSize, int Keep)
{
    /// <summary>How long the log files of a removed bot are kept after their last write (for a post-mortem).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>stderr in a file of its own (<see cref="Processes.LogNames.StderrOf"/>), so it can be told apart; false: into the log with stdout.</summary>
    public bool SeparateStderr { get; init; } = true;

    public static LogRotationSpec Default { get; } = new(10 * 1024 * 1024, 5);
}
