using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const int PrSetChildSubreaper = 36;
    internal const int PrGetChildSubreaper = 37;

    [LibraryImport(Libc.Name, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Libc.Name, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, out int value, nuint arg3, nuint arg4, nuint arg5);
}
