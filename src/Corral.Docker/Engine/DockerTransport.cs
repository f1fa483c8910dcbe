using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Corral.Docker.Engine;

/// <summary>
/// The HTTP handler that reaches the engine, from Docker.DotNet.Enhanced's transports: a unix socket, a Windows named
/// pipe, or TCP — with TLS when the endpoint names its certificates folder (<see cref="DockerEndpoint.TlsCertificates"/>):
/// the client certificate and key from <c>cert.pem</c> and <c>key.pem</c>, the engine's certificate checked against
/// <c>ca.pem</c> there.
/// </summary>
internal static class DockerTransport
{
    public static ResolvedTransport Create(DockerEndpoint endpoint)
    {
        (X509Certificate2 Client, X509Certificate2 Authority)? tls = endpoint.TlsCertificates is { } folder ? Tls(folder) : null;
        var options = new ResolvedClientOptions
        {
            Endpoint = endpoint.Address,
            ApiVersion = DockerApiVersion.Newest,
            Headers = new Dictionary<string, string>(),
            Timeout = Timeout.InfiniteTimeSpan,

            // Only to make the transport speak https: the certificates are set on the handler below.
            AuthProvider = tls is null ? NoopAuthProvider.Instance : new global::Docker.DotNet.X509.CertificateCredentials(tls.Value.Client),
        };
        return endpoint.Address.Scheme switch
        {
            "unix" => global::Docker.DotNet.Unix.DockerHandlerFactory.Instance.CreateHandler(options, NullLogger.Instance),
            "npipe" => global::Docker.DotNet.NPipe.DockerHandlerFactory.Instance.CreateHandler(options, NullLogger.Instance),
            "tcp" or "http" or "https" => global::Docker.DotNet.NativeHttp.DockerHandlerFactory.Instance.CreateHandler(
                new global::Docker.DotNet.NativeHttp.NativeHttpTransportOptions { ConfigureHandler = handler => UseTls(handler, tls) }, options, NullLogger.Instance),
            var other => throw new DockerException(0, $"The Docker endpoint {endpoint} is not supported (scheme {other}); use unix://, tcp:// or npipe://."),
        };
    }

    private static void UseTls(SocketsHttpHandler handler, (X509Certificate2 Client, X509Certificate2 Authority)? tls)
    {
        if (tls is not { } certificates)
        {
            return;
        }

        handler.SslOptions.ClientCertificates = [certificates.Client];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, engine, _, errors) => IsTrusted(engine, errors, certificates.Authority);
    }

    private static (X509Certificate2 Client, X509Certificate2 Authority) Tls(string folder)
    {
        try
        {
            return (X509Certificate2.CreateFromPemFile(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem")),
                X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new DockerException(0, $"TLS to the Docker engine needs ca.pem, cert.pem and key.pem in {folder} (DOCKER_CERT_PATH): {e.Message}");
        }
    }

    // The engine's certificate must name the host and chain to the CA of DOCKER_CERT_PATH (not the system's roots).
    private static bool IsTrusted(X509Certificate? engine, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if (engine is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(engine);
        return chain.Build(presented);
    }
}
