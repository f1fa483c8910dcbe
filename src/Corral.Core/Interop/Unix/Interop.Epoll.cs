using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    internal const int EpollCloExec = 0x80000;
    internal const int EpollCtlAdd = 1;
    internal const int EpollCtlDel = 2;
    internal const uint EpollIn = 0x001;

    [LibraryImport(Libc.Name, EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate1(int flags);

    // struct epoll_event is packed on x86_64 (12 bytes) and naturally aligned elsewhere (16 bytes): callers
    // lay it out by hand with EpollEventSize and EpollDataOffset.
    [LibraryImport(Libc.Name, EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static unsafe partial int EpollCtl(int epfd, int op, int fd, byte* ev);

    [LibraryImport(Libc.Name, EntryPoint = "epoll_wait", SetLastError = true)]
    internal static unsafe partial int EpollWait(int epfd, byte* events, int maxEvents, int timeout);

    internal static int EpollEventSize => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    internal static int EpollDataOffset => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;
}
