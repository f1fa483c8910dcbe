using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    [LibraryImport(Libc.Name, EntryPoint = "geteuid")]
    internal static partial uint GetEuid();
}
