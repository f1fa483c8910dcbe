using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    [LibraryImport(Libc.Name, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
