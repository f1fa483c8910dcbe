using System.Net;
using System.Net.Sockets;
using Corral.Ports;

namespace Corral.Tests.Ports;

/// <summary>What holds a port: a TCP listener or a UDP socket that takes datagrams from anyone, never a client's socket.</summary>
public sealed class PortInspectorSpecs
{
    [Fact]
    public void A_bound_udp_socket_holds_its_port_and_is_named_with_its_protocol()
    {
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;

        var holder = Assert.Single(PortInspector.FindHolders([port]));

        Assert.Equal((port, Environment.ProcessId, PortHolder.Udp), (holder.Port, holder.Pid, holder.Protocol));
        Assert.Equal($"{port}/udp", holder.Name);
        Assert.False(PortInspector.IsFree(port));
    }

    [Fact]
    public void A_connected_udp_client_does_not_hold_its_ephemeral_port()
    {
        // A DNS query's socket, say: connected, on a port the kernel picked. An auto-picked port that happens to be the
        // same number must not be refused because of it.
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect((IPEndPoint)server.Client.LocalEndPoint!);
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        Assert.Empty(PortInspector.FindHolders([port]));
    }
}
