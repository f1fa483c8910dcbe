namespace Corral.Ports;

/// <summary>A process that holds a listening socket on a port.</summary>
public sealed record PortHolder(int Port, int Pid, string Command);
