namespace Corral.Server.Tests.Support;

/// <summary>One allocator for the whole test run, so parallel daemons never get the same listen port.</summary>
internal static class TestPorts
{
    private static readonly Corral.Ports.PortAllocator Ports = new();

    public static int Allocate() => Ports.Allocate();
}
