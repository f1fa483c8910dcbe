namespace Corral.Supervision;

/// <summary>Rotate a log file once it exceeds <see cref="MaxSize"/> bytes, keeping <see cref="Keep"/> old files.</summary>
public sealed record LogRotationSpec(long MaxSize, int Keep)
{
    public static LogRotationSpec Default { get; } = new(10 * 1024 * 1024, 5);
}
