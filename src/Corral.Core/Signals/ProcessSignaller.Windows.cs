using System.Runtime.Versioning;
using Corral.Interop.Windows;
using Corral.Processes;

namespace Corral.Signals;

public static partial class ProcessSignaller
{
    // Windows has no signals. A kill terminates the process; a stop suspends it (a suspended process cannot start a
    // child, which is what the tree killer's freeze needs); a continue resumes it; anything else is CTRL_BREAK to the
    // process group the target leads. One handle, checked against the start time, pins the process throughout.
    [SupportedOSPlatform("windows")]
    private static bool WindowsSend(ProcessId target, Signal signal, Signal? then)
    {
        var handle = Kernel32.OpenProcess(
            Kernel32.ProcessTerminate | Kernel32.ProcessSuspendResume | Kernel32.ProcessQueryLimitedInformation, false, target.Pid);
        if (handle == 0)
        {
            return false;
        }

        try
        {
            var same = Kernel32.GetProcessTimes(handle, out var creation, out _, out _, out _)
                && (target.StartTime == 0 || (ulong)creation == target.StartTime);
            var running = Kernel32.GetExitCodeProcess(handle, out var code) && code == Kernel32.StillActive;
            if (!same || !running)
            {
                return false;
            }

            var sent = Deliver(handle, target.Pid, signal);
            if (sent && then is { } next)
            {
                Deliver(handle, target.Pid, next);
            }

            return sent;
        }
        finally
        {
            _ = Kernel32.CloseHandle(handle);
        }
    }

    [SupportedOSPlatform("windows")]
    private static bool Deliver(nint handle, int pid, Signal signal) => signal switch
    {
        Signal.Kill => Kernel32.TerminateProcess(handle, 1),
        Signal.Stop => Ntdll.NtSuspendProcess(handle) == 0,
        Signal.Cont => Ntdll.NtResumeProcess(handle) == 0,
        _ => Kernel32.GenerateConsoleCtrlEvent(Kernel32.CtrlBreakEvent, pid),
    };
}
