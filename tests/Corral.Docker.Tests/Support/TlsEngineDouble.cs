using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Corral.Docker.Tests.Support;

/// <summary>
/// An engine's TLS front on 127.0.0.1 (a hand-written double, as no TLS engine runs here): it demands a client
/// certificate issued by <paramref name="clientAuthority"/>, answers <c>GET /version</c> and <c>GET /v1.41/info</c> like
/// an engine of API 1.41, and records what it was asked and by whom.
/// </summary>
internal sealed class TlsEngineDouble : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 serverCertificate;
    private readonly X509Certificate2 clientAuthority;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public TlsEngineDouble(X509Certificate2 serverCertificate, X509Certificate2 clientAuthority)
    {
        this.serverCertificate = serverCertificate;
        this.clientAuthority = clientAuthority;
        listener.Start();
        serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Each request as "subject of the client certificate: METHOD /path".</summary>
    public List<string> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stopping.Token);
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, IsIssuedByClientAuthority);
            try
            {
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = serverCertificate, ClientCertificateRequired = true }, stopping.Token);
                await AnswerAsync(tls);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                // A client the double refused, or one that refused the double: what the specs look at is the client side.
            }
        }
    }

    private async Task AnswerAsync(SslStream tls)
    {
        using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
        while (await reader.ReadLineAsync(stopping.Token) is { Length: > 0 } requestLine)
        {
            while (await reader.ReadLineAsync(stopping.Token) is { Length: > 0 })
            {
                // Headers: the requests the client sends have no body.
            }

            var path = requestLine.Split(' ')[1];
            lock (Requests)
            {
                Requests.Add($"{tls.RemoteCertificate?.Subject}: {requestLine.Split(' ')[0]} {path}");
            }

            var body = path switch
            {
                "/version" => """{"Version":"tls-double","ApiVersion":"1.41","MinAPIVersion":"1.12"}""",
                "/v1.41/info" => """{"ServerVersion":"tls-double","Swarm":{"LocalNodeState":"inactive","ControlAvailable":false}}""",
                _ => null,
            };
            var bytes = Encoding.UTF8.GetBytes(body ?? """{"message":"page not found"}""");
            var head = $"HTTP/1.1 {(body is null ? "404 Not Found" : "200 OK")}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(head), stopping.Token);
            await tls.WriteAsync(bytes, stopping.Token);
            await tls.FlushAsync(stopping.Token);
        }
    }

    private bool IsIssuedByClientAuthority(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var check = new X509Chain();
        check.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        check.ChainPolicy.CustomTrustStore.Add(clientAuthority);
        check.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return check.Build(presented);
    }
}
