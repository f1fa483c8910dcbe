namespace Corral.Docker.Engine;

/// <summary>
/// Where the engine listens, found as the docker CLI finds it: <c>DOCKER_HOST</c> (<c>unix://</c>, <c>tcp://</c>,
/// <c>npipe://</c>), else the context named by <c>DOCKER_CONTEXT</c> or <c>currentContext</c> in
/// <c>~/.docker/config.json</c>, else the default socket (or pipe on Windows). TLS as the CLI: with
/// <c>DOCKER_TLS_VERIFY</c> set, the certificates in <c>DOCKER_CERT_PATH</c> (default <c>~/.docker</c>).
/// </summary>
public sealed record DockerEndpoint(Uri Address)
{
    public const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>For a <c>tcp://</c> endpoint with TLS: the folder of <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c>; null: plain.</summary>
    public string? TlsCertificates { get; init; }

    /// <summary>The socket's path for a <c>unix://</c> endpoint; else null.</summary>
    public string? SocketPath => Address.Scheme == "unix" ? Address.LocalPath : null;

    /// <summary>
    /// True when the local socket or named pipe does not exist: "no engine" at once, without a connection attempt that
    /// could wait (a pipe client waits for its pipe). A TCP endpoint is never known absent before it is tried.
    /// </summary>
    public bool IsAbsent => Address.Scheme switch
    {
        "unix" => !File.Exists(SocketPath),
        "npipe" => OperatingSystem.IsWindows() && !File.Exists($@"\\.\pipe\{Address.Segments[^1]}"),
        _ => false,
    };

    public static DockerEndpoint FromEnvironment()
    {
        try
        {
            var address = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host
                ? new Uri(host)
                : DockerContexts.CurrentEndpoint() ?? Default;
            return new DockerEndpoint(address) { TlsCertificates = TlsFromEnvironment() };
        }
        catch (Exception e) when (e is UriFormatException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DockerException(0, $"Cannot tell where the Docker engine is: {e.Message} (DOCKER_HOST, DOCKER_CONTEXT or the config.json of DOCKER_CONFIG).");
        }
    }

    private static Uri Default => OperatingSystem.IsWindows() ? new Uri("npipe://./pipe/docker_engine") : new Uri("unix://" + DefaultSocket);

    private static string? TlsFromEnvironment() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"))
            ? null
            : Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } path ? path : DockerContexts.UserFolder;

    public override string ToString() => Address.Scheme == "unix" ? $"unix://{Address.LocalPath}" : Address.ToString().TrimEnd('/');
}
