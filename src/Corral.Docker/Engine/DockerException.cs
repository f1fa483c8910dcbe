using Corral.Exceptions;

namespace Corral.Docker.Engine;

/// <summary>The engine refused a request or could not be reached; the message says what to do.</summary>
public class DockerException(int statusCode, string message) : CorralException(message)
{
    /// <summary>The engine's HTTP status, or 0 when it was not reached at all.</summary>
    public int StatusCode { get; } = statusCode;
}

/// <summary>No engine answers at the endpoint.</summary>
public sealed class DockerUnreachableException(DockerEndpoint endpoint, string reason)
    : DockerException(0, $"Cannot reach the Docker engine at {endpoint}: {reason}. Start one (as root: dockerd --bridge=none --iptables=false, "
        + "or systemctl start docker), or point DOCKER_HOST at a running engine.");
