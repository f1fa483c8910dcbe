namespace Corral.Interop.Unix;

internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int ENOSYS = 38;
}
