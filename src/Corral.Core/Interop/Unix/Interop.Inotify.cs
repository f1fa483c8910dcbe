using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const int InotifyNonBlock = 0x800;
    internal const int InotifyCloExec = 0x80000;
    internal const uint InModify = 0x002;
    internal const uint InAttrib = 0x004;
    internal const uint InCloseWrite = 0x008;
    internal const uint InMovedTo = 0x080;
    internal const uint InCreate = 0x100;
    internal const uint InQOverflow = 0x4000;
    internal const uint InIgnored = 0x8000;

    [LibraryImport(Libc.Name, EntryPoint = "inotify_init1", SetLastError = true)]
    internal static partial int InotifyInit1(int flags);

    [LibraryImport(Libc.Name, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport(Libc.Name, EntryPoint = "inotify_rm_watch", SetLastError = true)]
    internal static partial int InotifyRmWatch(int fd, int wd);
}
