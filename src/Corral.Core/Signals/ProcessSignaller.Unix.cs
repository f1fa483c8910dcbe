using System.Runtime.InteropServices;
using Corral.Interop.Unix;
using Corral.Processes;

namespace Corral.Signals;

public static partial class ProcessSignaller
{
    private static volatile bool pidfdUnavailable;

    private static bool UnixSend(ProcessId target, Signal signal, Signal? then)
    {
        var number = SignalNumbers.ToNumber(signal);
        if (OperatingSystem.IsLinux() && !pidfdUnavailable)
        {
            var fd = Native.Syscall(Native.SysPidfdOpen, target.Pid, 0, 0, 0);
            if (fd >= 0)
            {
                try
                {
                    if (!ProcessTable.IsAlive(target))
                    {
                        return false;
                    }

                    var sent = Check(Native.Syscall(Native.SysPidfdSendSignal, fd, number, 0, 0), target, signal);
                    if (sent && then is { } second)
                    {
                        Check(Native.Syscall(Native.SysPidfdSendSignal, fd, SignalNumbers.ToNumber(second), 0, 0), target, second);
                    }

                    return sent;
                }
                finally
                {
                    _ = Native.Close((int)fd);
                }
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == Errno.ESRCH)
            {
                return false;
            }

            pidfdUnavailable = error is Errno.ENOSYS or Errno.EPERM;
        }

        if (!ProcessTable.IsAlive(target))
        {
            return false;
        }

        var delivered = Check(Native.Kill(target.Pid, number), target, signal);
        if (delivered && then is { } next)
        {
            Check(Native.Kill(target.Pid, SignalNumbers.ToNumber(next)), target, next);
        }

        return delivered;
    }

    private static bool Check(long result, ProcessId target, Signal signal)
    {
        if (result == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error == Errno.ESRCH)
        {
            return false;
        }

        throw new Exceptions.CorralException(
            $"Could not send {SignalNumbers.Name(signal)} to pid {target.Pid}: errno {error} ({Marshal.GetPInvokeErrorMessage(error)}).");
    }
}
