namespace Corral.Containment;

/// <summary>
/// Resource limits on a whole unit (the process and every descendant): memory in bytes, CPU in cores (1.5 = one and a
/// half), process count. Null: not limited.
/// </summary>
public sealed record UnitLimits(long? MemoryBytes = null, double? Cpus = null, int? Pids = null)
{
    public bool IsEmpty => MemoryBytes is null && Cpus is null && Pids is null;

    /// <summary>The cgroup v2 controllers these limits need.</summary>
    public IReadOnlyList<string> Controllers =>
        [.. new[] { MemoryBytes is null ? null : "memory", Cpus is null ? null : "cpu", Pids is null ? null : "pids" }.OfType<string>()];

    public static string Size(long bytes) =>
        bytes % (1024L * 1024 * 1024) == 0 ? $"{bytes / (1024L * 1024 * 1024)}GB"
        : bytes % (1024L * 1024) == 0 ? $"{bytes / (1024L * 1024)}MB"
        : bytes % 1024 == 0 ? $"{bytes / 1024}KB"
        : $"{bytes}B";
}
