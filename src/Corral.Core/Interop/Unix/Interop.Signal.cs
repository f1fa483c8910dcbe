using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const nint SigDfl = 0;

    [LibraryImport(Libc.Name, EntryPoint = "signal", SetLastError = true)]
    internal static partial nint Signal(int signal, nint handler);
}
