namespace Corral.Processes;

/// <summary>CPU time and resident memory, summed over a set of processes.</summary>
public readonly record struct ProcessUsage(double CpuSeconds, long MemoryBytes)
{
    public static ProcessUsage operator +(ProcessUsage a, ProcessUsage b) => new(a.CpuSeconds + b.CpuSeconds, a.MemoryBytes + b.MemoryBytes);
}
