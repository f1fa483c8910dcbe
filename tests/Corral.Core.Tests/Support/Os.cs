using System.Net;
using System.Net.Sockets;
using Corral.Processes;

namespace Corral.Tests.Support;

/// <summary>Questions about the real operating system that tests assert on.</summary>
internal static class Os
{
    public static IReadOnlyList<ProcessInfo> CarriersOf(string key, string value) =>
        ProcessTable.Snapshot()
            .Where(p => !p.IsDead && ProcessTable.ReadCorralEnvironment(p.Pid).TryGetValue(key, out var v) && v == value)
            .ToList();

    /// <summary>A free port never handed out before in this test run, so parallel tests cannot collide.</summary>
    public static int FreePort() => Ports.Allocate();

    private static readonly Corral.Ports.PortAllocator Ports = new();

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static bool CgroupUsable => Corral.Containment.CgroupContainmentProvider.TryCreate(out _) is not null;
}
