using System.Diagnostics;
using System.Runtime.InteropServices;
using Corral.Interop.Windows;
using Corral.Processes;
using Corral.Signals;
using Corral.Timing;

namespace Corral.Containment;

/// <summary>
/// A Job Object without breakaway rights, so every descendant stays in it. Windows has no SIGTERM, so the
/// grace is spent waiting for the main process to exit by itself, then the job is terminated.
/// </summary>
public sealed class JobObjectUnit : ContainmentUnit
{
    private readonly nint job;

    public JobObjectUnit(string id)
        : base(id)
    {
        job = Kernel32.CreateJobObject(0, null);
        if (job == 0)
        {
            throw new Exceptions.ContainmentException($"CreateJobObject failed: error {Marshal.GetLastPInvokeError()}.");
        }

        var limits = new Kernel32.ExtendedLimitInformation
        {
            BasicLimitInformation = new Kernel32.BasicLimitInformation { LimitFlags = Kernel32.JobObjectLimitKillOnJobClose },
        };
        if (!Kernel32.SetInformationJobObject(job, Kernel32.JobObjectExtendedLimitInformation, ref limits, (uint)Marshal.SizeOf(limits)))
        {
            throw new Exceptions.ContainmentException($"SetInformationJobObject failed: error {Marshal.GetLastPInvokeError()}.");
        }
    }

    public override ContainmentKind Kind => ContainmentKind.JobObject;

    public override string Location => $"job object 0x{job:x}";

    public override void Attach(Process process)
    {
        if (!Kernel32.AssignProcessToJobObject(job, process.Handle))
        {
            throw new Exceptions.ContainmentException($"AssignProcessToJobObject failed: error {Marshal.GetLastPInvokeError()}.");
        }
    }

    public override IReadOnlyList<ProcessInfo> Members(ProcessId main) =>
        Enumerable.Range(0, ActiveProcesses()).Select(i => new ProcessInfo(new ProcessId(0, (ulong)i), 0, 0, 0, 'R')).ToList();

    public override async Task<UnitStopReport> StopAsync(ProcessId main, Signal signal, TimeSpan grace, CancellationToken hurry)
    {
        var deadline = Deadline.In(grace);
        while (ActiveProcesses() > 0 && !deadline.HasPassed && !hurry.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }

        var left = ActiveProcesses();
        if (left > 0)
        {
            _ = Kernel32.TerminateJobObject(job, 1);
        }

        var killed = Enumerable.Range(0, left).Select(_ => new StoppedMember(0, "(job member)")).ToList();
        return new UnitStopReport([], [], killed, ProvenEmpty: ActiveProcesses() == 0);
    }

    protected override void Dispose(bool disposing)
    {
        _ = Kernel32.CloseHandle(job);
        base.Dispose(disposing);
    }

    private int ActiveProcesses() =>
        Kernel32.QueryInformationJobObject(job, Kernel32.JobObjectBasicAccountingInformation, out var info, (uint)Marshal.SizeOf<Kernel32.BasicAccountingInformation>(), 0)
            ? (int)info.ActiveProcesses
            : 0;
}
