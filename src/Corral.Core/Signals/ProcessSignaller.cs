using Corral.Processes;

namespace Corral.Signals;

/// <summary>
/// Sends a signal to one exact process. On Linux a pidfd pins the process while its start time is checked, and on
/// Windows a process handle does, so a pid that was recycled between the check and the signal can never be hit.
/// </summary>
public static partial class ProcessSignaller
{
    /// <summary>True when the signal was delivered; false when that process no longer exists (which callers treat as success).</summary>
    public static bool Send(ProcessId target, Signal signal) => Send(target, signal, null);

    /// <summary>
    /// Sends <paramref name="signal"/>, then <paramref name="then"/> if given, through one pidfd and one identity
    /// check: a stop signals hundreds of processes, and each check reads /proc.
    /// </summary>
    public static bool Send(ProcessId target, Signal signal, Signal? then) =>
        OperatingSystem.IsWindows() ? WindowsSend(target, signal, then) : UnixSend(target, signal, then);
}
