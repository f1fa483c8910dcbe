using System.Runtime.InteropServices;
using Corral.Interop.Windows;
using Corral.Processes;
using Corral.Signals;
using Corral.Timing;

namespace Corral.Containment;

/// <summary>
/// A Job Object without breakaway rights and with KILL_ON_JOB_CLOSE: every descendant stays in it, and when corral
/// dies, even by TerminateProcess, the kernel closes the job and ends everything in it. Its main process is put in
/// before it runs (<see cref="WindowsSpawner"/>). A stop asks first (CTRL_BREAK to the main process's group), spends the
/// grace waiting for the job to empty, then terminates the job and proves it empty by its count of active processes.
/// </summary>
public sealed class JobObjectUnit : ContainmentUnit
{
    private const int JobObjectBasicProcessIdList = 3;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private readonly nint job;

    /// <param name="limits">Set on the job before any process is in it; a limit the system does not keep is refused.</param>
    public JobObjectUnit(string id, UnitLimits? limits = null)
        : base(id)
    {
        job = Kernel32.CreateJobObject(0, null);
        if (job == 0)
        {
            throw new Exceptions.ContainmentException($"CreateJobObject failed: error {Marshal.GetLastPInvokeError()}.");
        }

        if (JobObjectLimits.Apply(job, limits ?? new UnitLimits()) is { } failed)
        {
            _ = Kernel32.CloseHandle(job);
            throw limits is null || limits.IsEmpty
                ? new Exceptions.ContainmentException($"{failed}.")
                : new Exceptions.LimitsUnenforceableException($"{failed}.");
        }
    }

    public override ContainmentKind Kind => ContainmentKind.JobObject;

    public override string Location => $"job object 0x{job:x}";

    /// <summary>The job's handle, for the spawner that assigns the main process before it runs.</summary>
    internal nint Handle => job;

    public override IReadOnlyList<ProcessInfo> Members(ProcessId main) =>
        MemberPids().Select(ProcessTable.Get).OfType<ProcessInfo>().Where(p => !p.IsDead).ToList();

    public override async Task<UnitStopReport> StopAsync(ProcessId main, Signal signal, TimeSpan grace, CancellationToken hurry)
    {
        var signalled = Members(main).Select(m => new StoppedMember(m.Pid, ProcessTable.ReadCommandLine(m.Pid) ?? "?")).ToList();
        if (signalled.Count > 0 && signal != Signal.Kill)
        {
            // Windowed members are asked as a user would close them (WM_CLOSE). The main process leads its own group
            // (CREATE_NEW_PROCESS_GROUP): CTRL_BREAK reaches every console process of that group, the nearest thing
            // Windows has to a SIGTERM for the tree.
            TopLevelWindows.Close(signalled.Select(m => m.Pid).ToHashSet());
            _ = Kernel32.GenerateConsoleCtrlEvent(Kernel32.CtrlBreakEvent, main.Pid);
            await WaitEmptyAsync(grace, hurry).ConfigureAwait(false);
        }

        var survivors = Members(main);
        if (survivors.Count > 0)
        {
            _ = Kernel32.TerminateJobObject(job, 1);
            await WaitEmptyAsync(KillTimeout, CancellationToken.None).ConfigureAwait(false);
        }

        var commands = signalled.ToDictionary(m => m.Pid, m => m.Command);
        var killed = survivors.Select(s => new StoppedMember(s.Pid, commands.GetValueOrDefault(s.Pid) ?? ProcessTable.ReadCommandLine(s.Pid) ?? "?")).ToList();
        var left = Members(main);
        return new UnitStopReport(signalled, signalled.Where(m => survivors.All(s => s.Pid != m.Pid)).ToList(), killed, ProvenEmpty: ActiveProcesses() == 0)
        {
            Survivors = left.Select(p => new Survivor(p.Pid, p.Id.StartTime, ProcessTable.ReadCommandLine(p.Pid) ?? "?")).ToList(),
        };
    }

    // A job has no signals: any but SIGKILL asks windowed members by WM_CLOSE and console ones by CTRL_BREAK, and the
    // report says so rather than naming a signal no Windows process received.
    public override string SentAs(Signal signal) => signal == Signal.Kill ? base.SentAs(signal) : "WM_CLOSE/CTRL_BREAK";

    protected override void Dispose(bool disposing)
    {
        _ = Kernel32.CloseHandle(job);
        base.Dispose(disposing);
    }

    private async Task WaitEmptyAsync(TimeSpan limit, CancellationToken hurry)
    {
        var deadline = Deadline.In(limit);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50));
        while (ActiveProcesses() > 0 && !deadline.HasPassed && !hurry.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(backoff.Next(), hurry).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private int ActiveProcesses() =>
        Kernel32.QueryInformationJobObject(job, Kernel32.JobObjectBasicAccountingInformation, out Kernel32.BasicAccountingInformation info, (uint)Marshal.SizeOf<Kernel32.BasicAccountingInformation>(), 0)
            ? (int)info.ActiveProcesses
            : 0;

    // JOBOBJECT_BASIC_PROCESS_ID_LIST: two counts, then the pids (ULONG_PTR each).
    private unsafe List<int> MemberPids()
    {
        const int capacity = 4096;
        var size = (8 + (capacity * IntPtr.Size));
        var buffer = NativeMemory.Alloc((nuint)size);
        try
        {
            if (!Kernel32.QueryInformationJobObject(job, JobObjectBasicProcessIdList, (nint)buffer, (uint)size, 0))
            {
                return [];
            }

            var count = ((uint*)buffer)[1];
            var ids = (nuint*)((byte*)buffer + 8);
            var pids = new List<int>((int)count);
            for (var i = 0; i < count; i++)
            {
                pids.Add((int)ids[i]);
            }

            return pids;
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
