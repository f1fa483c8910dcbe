using System.Runtime.InteropServices;

namespace Corral.Interop.Windows;

internal static partial class Iphlpapi
{
    internal const int AfInet = 2;
    internal const int AfInet6 = 23;
    internal const int TcpTableOwnerPidListener = 3;
    internal const int UdpTableOwnerPid = 1;
    internal const uint ErrorInsufficientBuffer = 122;

    // MIB_TCPROW_OWNER_PID: state, local address, local port, remote address, remote port, owning pid (6 DWORDs).
    internal const int TcpRowSize = 24;
    internal const int TcpRowPortOffset = 8;
    internal const int TcpRowPidOffset = 20;

    // MIB_TCP6ROW_OWNER_PID: local address (16), scope, local port, remote address (16), scope, port, state, pid.
    internal const int Tcp6RowSize = 56;
    internal const int Tcp6RowPortOffset = 20;
    internal const int Tcp6RowPidOffset = 52;

    // MIB_UDPROW_OWNER_PID: local address, local port, owning pid (3 DWORDs).
    internal const int UdpRowSize = 12;
    internal const int UdpRowPortOffset = 4;
    internal const int UdpRowPidOffset = 8;

    // MIB_UDP6ROW_OWNER_PID: local address (16), scope, local port, owning pid.
    internal const int Udp6RowSize = 28;
    internal const int Udp6RowPortOffset = 20;
    internal const int Udp6RowPidOffset = 24;

    [LibraryImport("iphlpapi.dll")]
    internal static partial uint GetExtendedUdpTable(nint table, ref int size, [MarshalAs(UnmanagedType.Bool)] bool order, int addressFamily, int tableClass, uint reserved);

    [LibraryImport("iphlpapi.dll")]
    internal static partial uint GetExtendedTcpTable(nint table, ref int size, [MarshalAs(UnmanagedType.Bool)] bool order, int addressFamily, int tableClass, uint reserved);
}
