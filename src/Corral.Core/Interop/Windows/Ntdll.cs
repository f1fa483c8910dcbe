using System.Runtime.InteropServices;

namespace Corral.Interop.Windows;

// The parent pid and the command line of another process (documented classes of NtQueryInformationProcess), and the
// suspension of a whole process, which Windows has no documented Win32 call for.
internal static partial class Ntdll
{
    internal const int ProcessBasicInformation = 0;
    internal const int ProcessCommandLineInformation = 60;

    [StructLayout(LayoutKind.Sequential)]
    internal struct BasicInformation
    {
        public nint ExitStatus;
        public nint PebBaseAddress;
        public nint AffinityMask;
        public nint BasePriority;
        public nint UniqueProcessId;
        public nint InheritedFromUniqueProcessId;
    }

    [LibraryImport("ntdll.dll")]
    internal static partial int NtQueryInformationProcess(nint process, int infoClass, ref BasicInformation info, int length, out int returnLength);

    [LibraryImport("ntdll.dll")]
    internal static partial int NtQueryInformationProcess(nint process, int infoClass, nint info, int length, out int returnLength);

    [LibraryImport("ntdll.dll")]
    internal static partial int NtSuspendProcess(nint process);

    [LibraryImport("ntdll.dll")]
    internal static partial int NtResumeProcess(nint process);
}
