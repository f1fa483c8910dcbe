using System.Runtime.InteropServices;
using Corral.Interop.Windows;

namespace Corral.Containment;

/// <summary>
/// A unit's limits as its Job Object's own: memory as the job's committed-memory limit (JOB_OBJECT_LIMIT_JOB_MEMORY,
/// for every process in it together), pids as its active-process limit (processes; cgroup v2 counts threads too), cpus
/// as a hard cap on the job's share of all processors' cycles. Each limit is read back once set: one the system does
/// not keep is refused, as on Linux, rather than believed (Wine stores a job's limit flags and enforces none of them).
/// </summary>
internal static class JobObjectLimits
{
    private const uint ControlFlags = Kernel32.CpuRateControlEnable | Kernel32.CpuRateControlHardCap;

    /// <summary>Sets <paramref name="limits"/> (and KILL_ON_JOB_CLOSE) on <paramref name="job"/>; why it could not, or null.</summary>
    public static string? Apply(nint job, UnitLimits limits)
    {
        var extended = new Kernel32.ExtendedLimitInformation
        {
            BasicLimitInformation = new Kernel32.BasicLimitInformation { LimitFlags = Kernel32.JobObjectLimitKillOnJobClose },
        };
        if (limits.MemoryBytes is { } memory)
        {
            extended.BasicLimitInformation.LimitFlags |= Kernel32.JobObjectLimitJobMemory;
            extended.JobMemoryLimit = (nuint)memory;
        }

        if (limits.Pids is { } pids)
        {
            extended.BasicLimitInformation.LimitFlags |= Kernel32.JobObjectLimitActiveProcess;
            extended.BasicLimitInformation.ActiveProcessLimit = (uint)pids;
        }

        var size = (uint)Marshal.SizeOf<Kernel32.ExtendedLimitInformation>();
        if (!Kernel32.SetInformationJobObject(job, Kernel32.JobObjectExtendedLimitInformation, ref extended, size))
        {
            return $"{Subject(limits)}SetInformationJobObject(JobObjectExtendedLimitInformation) failed with error {Marshal.GetLastPInvokeError()}";
        }

        if (limits.MemoryBytes is not null || limits.Pids is not null)
        {
            if (!Kernel32.QueryInformationJobObject(job, Kernel32.JobObjectExtendedLimitInformation, out Kernel32.ExtendedLimitInformation kept, size, 0))
            {
                return $"{Subject(limits)}QueryInformationJobObject(JobObjectExtendedLimitInformation) failed with error {Marshal.GetLastPInvokeError()}";
            }

            var flags = kept.BasicLimitInformation.LimitFlags;
            if (limits.MemoryBytes is { } asked && ((flags & Kernel32.JobObjectLimitJobMemory) == 0 || kept.JobMemoryLimit != (nuint)asked))
            {
                return $"{Named("memory")} the job did not keep JOB_OBJECT_LIMIT_JOB_MEMORY (read back: flags 0x{flags:x}, limit {kept.JobMemoryLimit})";
            }

            if (limits.Pids is { } count && ((flags & Kernel32.JobObjectLimitActiveProcess) == 0 || kept.BasicLimitInformation.ActiveProcessLimit != (uint)count))
            {
                return $"{Named("pids")} the job did not keep JOB_OBJECT_LIMIT_ACTIVE_PROCESS (read back: flags 0x{flags:x}, limit {kept.BasicLimitInformation.ActiveProcessLimit})";
            }
        }

        return limits.Cpus is { } cpus ? ApplyCpuRate(job, cpus) : null;
    }

    /// <summary>Why a Job Object cannot hold <paramref name="limits"/> here (tried on a job of its own), or null.</summary>
    public static string? Probe(UnitLimits limits)
    {
        var job = Kernel32.CreateJobObject(0, null);
        if (job == 0)
        {
            return $"CreateJobObject failed with error {Marshal.GetLastPInvokeError()}";
        }

        try
        {
            return Apply(job, limits);
        }
        finally
        {
            _ = Kernel32.CloseHandle(job);
        }
    }

    // CpuRate is the job's cycles per 10 000 cycles of all processors together: 1.5 cpus of 8 is 1875.
    private static string? ApplyCpuRate(nint job, double cpus)
    {
        var rate = new Kernel32.CpuRateControlInformation
        {
            ControlFlags = ControlFlags,
            CpuRate = (uint)Math.Clamp(Math.Round(cpus / Environment.ProcessorCount * 10_000), 1, 10_000),
        };
        var size = (uint)Marshal.SizeOf<Kernel32.CpuRateControlInformation>();
        if (!Kernel32.SetInformationJobObject(job, Kernel32.JobObjectCpuRateControlInformation, ref rate, size))
        {
            return $"{Named("cpus")} SetInformationJobObject(JobObjectCpuRateControlInformation) failed with error {Marshal.GetLastPInvokeError()}";
        }

        if (!Kernel32.QueryInformationJobObject(job, Kernel32.JobObjectCpuRateControlInformation, out Kernel32.CpuRateControlInformation kept, size, 0)
            || (kept.ControlFlags & ControlFlags) != ControlFlags || kept.CpuRate != rate.CpuRate)
        {
            return $"{Named("cpus")} the job did not keep its CPU rate hard cap (read back: flags 0x{kept.ControlFlags:x}, rate {kept.CpuRate})";
        }

        return null;
    }

    private static string Named(string limit) => $"{limit} cannot be enforced by a Job Object here:";

    // The limit a failed extended-limits call was for; none when the job only asked for KILL_ON_JOB_CLOSE.
    private static string Subject(UnitLimits limits) =>
        limits.MemoryBytes is not null ? Named("memory") + " " : limits.Pids is not null ? Named("pids") + " " : "";
}
