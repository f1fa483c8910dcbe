using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const int PrioProcess = 0;

    // On Linux the nice value belongs to a thread: who = 0 is the calling thread, not the whole process.
    [LibraryImport(Libc.Name, EntryPoint = "setpriority", SetLastError = true)]
    internal static partial int SetPriority(int which, uint who, int priority);
}
