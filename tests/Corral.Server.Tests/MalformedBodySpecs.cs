using System.Net.Sockets;
using System.Text;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>A body the server cannot read is the client's error: 400 with a problem, and the daemon keeps serving.</summary>
public sealed class MalformedBodySpecs
{
    [Fact(Timeout = 120_000)]
    public async Task A_malformed_chunked_body_gets_a_400()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              sleeper:
                command: [sleep, "100000"]
            """);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", daemon.Port);
        var stream = client.GetStream();
        var request = "POST /v1/launcher/launch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"bot_name\": \"x\"}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400", status, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await daemon.Http.GetAsync("healthz")).StatusCode);
        Assert.Empty(daemon.Launched());
    }
}
