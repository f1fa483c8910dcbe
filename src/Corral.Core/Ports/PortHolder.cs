namespace Corral.Ports;

/// <summary>A process that holds a port: a listening TCP socket, or a UDP socket bound to it (<see cref="Protocol"/>).</summary>
public sealed record PortHolder(int Port, int Pid, string Command, string Protocol = PortHolder.Tcp)
{
    public const string Tcp = "tcp";

    public const string Udp = "udp";

    /// <summary>The port as users write it: <c>8080</c> for TCP, <c>7777/udp</c> for UDP.</summary>
    public string Name => Protocol == Tcp ? Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Port}/{Protocol}";
}
