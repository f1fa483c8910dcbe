using System.Runtime.Versioning;
using Corral.Interop.Windows;
using Microsoft.Win32.SafeHandles;

namespace Corral.Processes;

/// <summary>The exit code of a process corral created on Windows, learnt by a thread-pool wait on its handle.</summary>
[SupportedOSPlatform("windows")]
internal static class WindowsExit
{
    /// <summary>Completes with the exit code once the process has exited; takes ownership of <paramref name="process"/>.</summary>
    public static Task<int> WaitAsync(SafeProcessHandle process)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var signal = new ManualResetEvent(false) { SafeWaitHandle = new SafeWaitHandle(process.DangerousGetHandle(), ownsHandle: false) };
        RegisteredWaitHandle? registration = null;
        registration = ThreadPool.RegisterWaitForSingleObject(
            signal,
            (_, _) =>
            {
                done.TrySetResult(Kernel32.GetExitCodeProcess(process.DangerousGetHandle(), out var code) ? (int)code : ManagedProcess.UnknownExitCode);
                registration?.Unregister(null);
                signal.Dispose();
                process.Dispose();
            },
            null,
            Timeout.Infinite,
            executeOnlyOnce: true);
        return done.Task;
    }
}
