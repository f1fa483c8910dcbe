using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Cli.Client;

/// <summary>Talks to a running <c>corral serve</c>; errors become messages and the documented exit codes.</summary>
internal sealed class DaemonClient : IDisposable
{
    private readonly HttpClient http;

    public DaemonClient(string url, string? token, TimeSpan? timeout = null)
    {
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri(url.TrimEnd('/') + "/"),
            Timeout = timeout ?? TimeSpan.FromMinutes(5),
        };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken cancel = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), completion, cancel);

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null, CancellationToken cancel = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json ?? "", Encoding.UTF8, "application/json"),
        }, HttpCompletionOption.ResponseContentRead, cancel);

    /// <summary>The bot the daemon answered with, on stdout: its JSON with <paramref name="json"/>, else one line for people.</summary>
    public static async Task PrintBotAsync(HttpResponseMessage response, bool json, Func<Contracts.BotDto, string> line)
    {
        var bot = await ReadAsync(response, Contracts.ApiJsonContext.Default.BotDto).ConfigureAwait(false);
        Console.Out.WriteLine(json ? JsonSerializer.Serialize(bot, Contracts.ApiJsonContext.Default.BotDto) : line(bot));
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync().ConfigureAwait(false), type)
        ?? throw new DaemonException(ExitCodes.Failure, "the daemon answered with JSON null");

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DaemonException(ExitCodes.DaemonUnreachable,
                $"cannot reach the corral daemon at {http.BaseAddress}: {e.Message}. Start it with 'corral serve', or pass --url.");
        }
        finally
        {
            request.Dispose();
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        response.Dispose();
        var detail = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var text))
            {
                detail = text.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not problem details: show the body as it is.
        }

        throw new DaemonException(ExitCodes.RequestRejected, $"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
    }
}
