using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const int WNoHang = 1;

    [LibraryImport(Libc.Name, EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, out int status, int options);
}
