using System.Net;
using System.Net.Sockets;

namespace Corral.Ports;

/// <summary>
/// Picks free ports for <c>port: auto</c>, never handing out a port that this allocator gave and nobody released:
/// the kernel offers any free port, also one handed out a moment ago whose process has not bound it yet. Each engine
/// owns one (a fleet, a daemon), so a daemon that runs for weeks gives ports back as bots are forgotten.
/// </summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> handed = [];
    private readonly Lock gate = new();

    public int Allocate()
    {
        lock (gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                // A UDP socket on the same number (a client's, say: Windows lists those too) would make a bot's
                // busy-port check refuse the port it was given.
                if (PortInspector.CanBind(port, ProtocolType.Udp) && handed.Add(port))
                {
                    return port;
                }
            }
        }

        throw new Exceptions.CorralException("Could not find a free port after 100 attempts.");
    }

    /// <summary>Gives ports back once nothing of the unit that had them is left.</summary>
    public void Release(IEnumerable<int> ports)
    {
        lock (gate)
        {
            handed.ExceptWith(ports);
        }
    }
}
