using System.Net.Sockets;

namespace Corral.Readiness;

public sealed class TcpProbe(string host, int port) : IReadinessProbe
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancel)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, cancel).ConfigureAwait(false);
            return ProbeResult.Success;
        }
        catch (SocketException e)
        {
            return ProbeResult.Failure($"connect {host}:{port}: {e.SocketErrorCode}");
        }
    }

    public static TcpProbe Parse(string target)
    {
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), out var port))
        {
            throw new FormatException($"a tcp probe needs host:port, got '{target}'");
        }

        return new TcpProbe(target[..colon].Trim('[', ']'), port);
    }

    public void Dispose()
    {
    }
}
