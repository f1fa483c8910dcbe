using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    [LibraryImport(Libc.Name, EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(nint address, nuint length, int advice);
}
