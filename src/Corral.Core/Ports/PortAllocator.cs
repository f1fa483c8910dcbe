using System.Net;
using System.Net.Sockets;

namespace Corral.Ports;

/// <summary>Picks free ports for <c>port: auto</c>, never handing the same one out twice in this process.</summary>
public static class PortAllocator
{
    private static readonly HashSet<int> Handed = [];
    private static readonly Lock Gate = new();

    public static int Allocate()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }

        throw new Exceptions.CorralException("Could not find a free port after 100 attempts.");
    }
}
