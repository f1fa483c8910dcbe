using Corral.Interop.Unix;

namespace Corral.Processes;

/// <summary>The exit status of one of corral's own children, collected once it has exited.</summary>
internal static class ChildExit
{
    /// <summary>
    /// Reaps <paramref name="pid"/> (it must have exited: this waits) and returns its exit code, 128 + the signal
    /// number when a signal ended it; null when it was not ours to reap or was reaped already.
    /// </summary>
    public static int? Reap(int pid)
    {
        int result;
        int status;
        do
        {
            result = Native.WaitPid(pid, out status, 0);
        }
        while (result < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Errno.EINTR);

        if (result != pid)
        {
            return null;
        }

        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
