using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Corral.Interop.Windows;

namespace Corral.Ports;

public static partial class PortInspector
{
    // The IP helper's listener tables name each socket's owning pid directly (IPv4 and IPv6).
    private static List<PortHolder> WindowsHolders(IReadOnlyCollection<int> ports)
    {
        var holders = new List<PortHolder>();
        foreach (var (family, rowSize, portOffset, pidOffset) in new[]
        {
            (Iphlpapi.AfInet, Iphlpapi.TcpRowSize, Iphlpapi.TcpRowPortOffset, Iphlpapi.TcpRowPidOffset),
            (Iphlpapi.AfInet6, Iphlpapi.Tcp6RowSize, Iphlpapi.Tcp6RowPortOffset, Iphlpapi.Tcp6RowPidOffset),
        })
        {
            var table = ListenerTable(family);
            var rows = table.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(table) : 0;
            for (var row = 0; row < rows && 4 + ((row + 1) * rowSize) <= table.Length; row++)
            {
                var at = 4 + (row * rowSize);
                var port = NetworkPort(BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(at + portOffset)));
                var pid = BinaryPrimitives.ReadInt32LittleEndian(table.AsSpan(at + pidOffset));
                if (ports.Contains(port))
                {
                    holders.Add(new PortHolder(port, pid, Processes.ProcessTable.ReadCommandLine(pid) ?? "?"));
                }
            }
        }

        return holders;
    }

    // The table's size is asked first; a listener opened in between makes it grow, so the ask repeats.
    private static byte[] ListenerTable(int family)
    {
        var size = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Iphlpapi.GetExtendedTcpTable(0, ref size, false, family, Iphlpapi.TcpTableOwnerPidListener, 0);
            var buffer = Marshal.AllocHGlobal(Math.Max(size, 4));
            try
            {
                var result = Iphlpapi.GetExtendedTcpTable(buffer, ref size, false, family, Iphlpapi.TcpTableOwnerPidListener, 0);
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
