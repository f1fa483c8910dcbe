namespace Corral.Docker.Engine;

/// <summary>Where the engine listens: <c>DOCKER_HOST</c> (<c>unix:///path</c> or <c>tcp://host:port</c>), else the default socket.</summary>
public sealed record DockerEndpoint(string? SocketPath, Uri? TcpAddress)
{
    public const string DefaultSocket = "/var/run/docker.sock";

    public static DockerEndpoint FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(host))
        {
            return new DockerEndpoint(DefaultSocket, null);
        }

        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return new DockerEndpoint(host["unix://".Length..], null);
        }

        if (host.StartsWith("tcp://", StringComparison.Ordinal))
        {
            return new DockerEndpoint(null, new Uri("http://" + host["tcp://".Length..]));
        }

        throw new DockerException(0, $"DOCKER_HOST '{host}' is not supported; use unix:///path/to/docker.sock or tcp://host:port.");
    }

    public override string ToString() => SocketPath is not null ? $"unix://{SocketPath}" : $"tcp://{TcpAddress!.Authority}";
}
