using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    [LibraryImport(Libc.Name, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
