using System.Net;
using System.Net.Sockets;

namespace Corral.Ports;

/// <summary>
/// Answers "what holds port N?" from the kernel's own tables of listening sockets and their owners: /proc on Linux,
/// the IP helper's owner-pid tables on Windows.
/// </summary>
public static partial class PortInspector
{
    /// <summary>The processes listening on any of <paramref name="ports"/>; a port held by an invisible process yields pid 0.</summary>
    public static IReadOnlyList<PortHolder> FindHolders(IReadOnlyCollection<int> ports)
    {
        IEnumerable<PortHolder> holders = OperatingSystem.IsLinux() ? LinuxHolders(ports)
            : OperatingSystem.IsWindows() ? WindowsHolders(ports)
            : ports.Where(p => !CanBind(p)).Select(p => new PortHolder(p, 0, "?"));
        return holders.DistinctBy(h => (h.Port, h.Pid)).OrderBy(h => h.Port).ToList();
    }

    /// <summary>True when nothing listens on the port and it can be bound on every address.</summary>
    public static bool IsFree(int port) => FindHolders([port]).Count == 0 && CanBind(port);

    private static bool CanBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
