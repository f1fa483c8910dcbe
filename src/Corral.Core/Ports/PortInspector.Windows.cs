using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Corral.Interop.Windows;

namespace Corral.Ports;

public static partial class PortInspector
{
    private delegate uint TableReader(nint table, ref int size, bool order, int family, int tableClass, uint reserved);

    // The IP helper's owner-pid tables name each socket's owning pid directly: TCP listeners and UDP sockets, IPv4 and IPv6.
    private static List<PortHolder> WindowsHolders(IReadOnlyCollection<int> ports)
    {
        var holders = new List<PortHolder>();
        foreach (var (protocol, read, tableClass, family, rowSize, portOffset, pidOffset) in new (string, TableReader, int, int, int, int, int)[]
        {
            (PortHolder.Tcp, Iphlpapi.GetExtendedTcpTable, Iphlpapi.TcpTableOwnerPidListener, Iphlpapi.AfInet, Iphlpapi.TcpRowSize, Iphlpapi.TcpRowPortOffset, Iphlpapi.TcpRowPidOffset),
            (PortHolder.Tcp, Iphlpapi.GetExtendedTcpTable, Iphlpapi.TcpTableOwnerPidListener, Iphlpapi.AfInet6, Iphlpapi.Tcp6RowSize, Iphlpapi.Tcp6RowPortOffset, Iphlpapi.Tcp6RowPidOffset),
            (PortHolder.Udp, Iphlpapi.GetExtendedUdpTable, Iphlpapi.UdpTableOwnerPid, Iphlpapi.AfInet, Iphlpapi.UdpRowSize, Iphlpapi.UdpRowPortOffset, Iphlpapi.UdpRowPidOffset),
            (PortHolder.Udp, Iphlpapi.GetExtendedUdpTable, Iphlpapi.UdpTableOwnerPid, Iphlpapi.AfInet6, Iphlpapi.Udp6RowSize, Iphlpapi.Udp6RowPortOffset, Iphlpapi.Udp6RowPidOffset),
        })
        {
            var table = OwnerTable(read, family, tableClass);
            var rows = table.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(table) : 0;
            for (var row = 0; row < rows && 4 + ((row + 1) * rowSize) <= table.Length; row++)
            {
                var at = 4 + (row * rowSize);
                var port = NetworkPort(BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(at + portOffset)));
                var pid = BinaryPrimitives.ReadInt32LittleEndian(table.AsSpan(at + pidOffset));
                if (ports.Contains(port))
                {
                    // Pid 0 is no process: Wine gives it for every Winsock socket (its wineserver holds them).
                    var command = pid == 0 ? "a process the IP helper does not name" : Processes.ProcessTable.ReadCommandLine(pid) ?? "?";
                    holders.Add(new PortHolder(port, pid, command, protocol));
                }
            }
        }

        return holders;
    }

    // The table's size is asked first; a socket opened in between makes it grow, so the ask repeats.
    private static byte[] OwnerTable(TableReader read, int family, int tableClass)
    {
        var size = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            read(0, ref size, false, family, tableClass, 0);
            var buffer = Marshal.AllocHGlobal(Math.Max(size, 4));
            try
            {
                var result = read(buffer, ref size, false, family, tableClass, 0);
                if (result == 0)
                {
                    var table = new byte[size];
                    Marshal.Copy(buffer, table, 0, size);
                    return table;
                }

                if (result != Iphlpapi.ErrorInsufficientBuffer)
                {
                    return [];
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }

        return [];
    }

    // The port sits in the low 16 bits of the DWORD, in network byte order.
    private static int NetworkPort(uint value) => (int)(((value & 0xFF) << 8) | ((value >> 8) & 0xFF));
}
