using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    // pidfd_open and pidfd_send_signal have no glibc wrapper before 2.36, so they go through syscall(2).
    // Their numbers are the same on x86_64 and arm64 (both use the unified table for new calls).
    internal const long SysPidfdSendSignal = 424;
    internal const long SysPidfdOpen = 434;

    [LibraryImport(Libc.Name, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long arg1, long arg2, long arg3, long arg4);
}
