using System.Net;
using System.Net.Sockets;

namespace Corral.Ports;

/// <summary>
/// Answers "what holds port N?" from the kernel's own tables of sockets and their owners: /proc on Linux, the IP
/// helper's owner-pid tables on Windows. TCP listeners and UDP sockets both count: a leftover game client holds its
/// UDP port (Unreal's 7777) as surely as a leftover web server holds its TCP one.
/// </summary>
public static partial class PortInspector
{
    /// <summary>The processes holding any of <paramref name="ports"/>; a port held by an invisible process yields pid 0.</summary>
    public static IReadOnlyList<PortHolder> FindHolders(IReadOnlyCollection<int> ports)
    {
        IEnumerable<PortHolder> holders = OperatingSystem.IsLinux() ? LinuxHolders(ports)
            : OperatingSystem.IsWindows() ? WindowsHolders(ports)
            : ports.Where(p => !CanBind(p, ProtocolType.Tcp)).Select(p => new PortHolder(p, 0, "?"));
        return holders.DistinctBy(h => (h.Port, h.Pid, h.Protocol)).OrderBy(h => h.Port).ThenBy(h => h.Protocol, StringComparer.Ordinal).ToList();
    }

    /// <summary>True when no socket holds the port and it can be bound on every address.</summary>
    public static bool IsFree(int port) => FindHolders([port]).Count == 0 && CanBind(port, ProtocolType.Tcp);

    /// <summary>True when a socket of <paramref name="protocol"/> (TCP or UDP) can be bound to the port on every address.</summary>
    internal static bool CanBind(int port, ProtocolType protocol)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, protocol == ProtocolType.Udp ? SocketType.Dgram : SocketType.Stream, protocol);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
