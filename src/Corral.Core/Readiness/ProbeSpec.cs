namespace Corral.Readiness;

/// <summary>
/// How to tell that a process is ready. <see cref="Target"/> is the URL, host:port, regex or shell command.
/// Attempts start fast and back off to <see cref="Interval"/>; each attempt gets <see cref="AttemptTimeout"/>;
/// the whole wait gives up after <see cref="Timeout"/>.
/// </summary>
public sealed record ProbeSpec(ProbeKind Kind, string Target)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    public string? ExpectBody { get; init; }

    public TimeSpan Interval { get; init; } = DefaultInterval;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Target}";
}
