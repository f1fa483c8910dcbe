using System.Net.Http;

namespace Corral.Readiness;

public sealed class HttpProbe(Uri url, string? expectBody) : IReadinessProbe
{
    // One client for every probe: loopback only, no proxy (an HTTP_PROXY in the environment must not capture 127.0.0.1).
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancel)
    {
        try
        {
            // Connection: close, so a forking server does not keep a worker alive for a pooled probe connection.
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { ConnectionClose = true } };
            using var response = await Client.SendAsync(request, cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return ProbeResult.Failure($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (expectBody is null)
            {
                return ProbeResult.Success;
            }

            var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            return body.Contains(expectBody, StringComparison.Ordinal)
                ? ProbeResult.Success
                : ProbeResult.Failure($"body does not contain '{expectBody}'");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Failure(e.Message);
        }
    }

    public void Dispose()
    {
    }
}
