using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const int EfdCloExec = 0x80000;
    internal const int EfdNonBlock = 0x800;

    [LibraryImport(Libc.Name, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initval, int flags);
}
