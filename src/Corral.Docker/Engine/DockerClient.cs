using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Docker.Engine;

/// <summary>
/// The Docker Engine API over the transport Docker.DotNet.Enhanced gives for the endpoint, with typed calls for what Corral needs: containers,
/// their processes, stats and logs, and Swarm services and tasks. Every call has a timeout but waits and log follows.
/// </summary>
public sealed partial class DockerClient : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient http;
    private readonly SemaphoreSlim negotiating = new(1);
    private string? apiPrefix;

    public DockerClient(DockerEndpoint? endpoint = null)
    {
        Endpoint = endpoint ?? DockerEndpoint.FromEnvironment();
        var transport = DockerTransport.Create(Endpoint);
        http = new HttpClient(transport.Handler)
        {
            BaseAddress = transport.EffectiveEndpoint,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Stats = new StatsCache(this);
    }

    /// <summary>Recent CPU and memory samples per container (see <see cref="StatsCache"/>).</summary>
    internal StatsCache Stats { get; }

    public DockerEndpoint Endpoint { get; }

    public async Task<EngineInfo> InfoAsync(CancellationToken cancel = default) =>
        await GetAsync("info", DockerJsonContext.Default.EngineInfo, cancel).ConfigureAwait(false);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"images/{Uri.EscapeDataString(image)}/json", null, cancel, allowNotFound: true).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    public void Dispose()
    {
        http.Dispose();
        negotiating.Dispose();
    }

    internal async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancel).ConfigureAwait(false);
        return await ReadAsync(response, type, cancel).ConfigureAwait(false);
    }

    internal async Task<T> PostAsync<TBody, T>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, bodyType), Encoding.UTF8, "application/json");
        using var response = await SendAsync(HttpMethod.Post, path, content, cancel).ConfigureAwait(false);
        return await ReadAsync(response, type, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request to the versioned path (<c>/v1.41/PATH</c>, the version agreed on the first request); engine
    /// errors become <see cref="DockerException"/> with the engine's message.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancel, bool allowNotFound = false, bool longRunning = false) =>
        await SendUnversionedAsync(method, await ApiPrefixAsync(cancel).ConfigureAwait(false) + path, content, cancel, allowNotFound, longRunning)
            .ConfigureAwait(false);

    // GET /version is the one path every engine answers unversioned: it says which API versions the engine speaks.
    private async Task<string> ApiPrefixAsync(CancellationToken cancel)
    {
        if (apiPrefix is { } known)
        {
            return known;
        }

        await negotiating.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (apiPrefix is null)
            {
                using var response = await SendUnversionedAsync(HttpMethod.Get, "version", null, cancel).ConfigureAwait(false);
                apiPrefix = DockerApiVersion.PathPrefix(DockerApiVersion.Negotiate(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false)));
            }

            return apiPrefix;
        }
        finally
        {
            negotiating.Release();
        }
    }

    private async Task<HttpResponseMessage> SendUnversionedAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancel, bool allowNotFound = false, bool longRunning = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (!longRunning)
        {
            timeout.CancelAfter(CallTimeout);
        }

        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            response = await http.SendAsync(request, longRunning ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DockerUnreachableException(Endpoint, e.InnerException?.Message ?? e.Message);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new DockerException(0, $"The Docker engine at {Endpoint} did not answer {method} /{path} within {CallTimeout.TotalSeconds:0} s.");
        }

        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound) || response.StatusCode == HttpStatusCode.NotModified)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            string message;
            try
            {
                message = JsonSerializer.Deserialize(text, DockerJsonContext.Default.ErrorResponse)?.Message ?? text;
            }
            catch (JsonException)
            {
                message = text;
            }

            throw new DockerException((int)response.StatusCode, $"Docker engine: {method} /{path}: {(int)response.StatusCode}: {message.Trim()}");
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, type, cancel).ConfigureAwait(false)
            ?? throw new DockerException((int)response.StatusCode, "Docker engine answered with JSON null.");
    }
}
