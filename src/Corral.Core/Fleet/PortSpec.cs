namespace Corral.Fleet;

/// <summary><c>port: 8080</c> gives replica i the port 8080 + i; <c>port: auto</c> picks free ports.</summary>
public sealed record PortSpec(int? First)
{
    public static PortSpec Auto { get; } = new((int?)null);

    public bool IsAuto => First is null;

    public static PortSpec Fixed(int port) => new(port);
}
