using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Corral.Server.Tests.Support;

/// <summary>
/// Malformed and racing requests against a daemon, from a seeded generator (a failure names its seed and request):
/// bad JSON, wrong types, hostile names, oversized bodies, unknown paths, wrong methods, broken framing on a raw
/// socket, and launches, stops and restarts racing on a few names.
/// </summary>
internal sealed class Fuzzer(Daemon daemon, int seed)
{
    private static readonly string[] Names = ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"];
    private static readonly string[] HostileNames =
    [
        "", " ", "nl\n", "../escape", "..", ".hidden", "a/b", "a\\b", "\0", "ü", "%2e%2e", new string('a', 64), new string('b', 5000),
        "con", "-dash", "trailing.", "tab\there", "\"quoted\"", "<script>", "name with space",
    ];

    private readonly Random random = new(seed);

    public int Seed => seed;

    // The one 5xx that is the protocol's own answer to a bad request: Kestrel does not speak HTTP/9.9 (RFC 9110 15.6.6).
    private const string UnknownVersion = "GET / HTTP/9.9\r\nHost: x\r\n\r\n";

    // A body over the API's 1 MiB limit must be answered 413, and the answer must reach the client still sending.
    private const string ExpectTooLarge = " [expect 413]";

    /// <summary>True for an answer the API promises: a status below 500 (0 is no answer at all).</summary>
    public static bool IsAcceptable((string Request, int Status) result) =>
        result.Request.EndsWith(ExpectTooLarge, StringComparison.Ordinal)
            ? result.Status == 413
            : result.Status is > 0 and < 500 || (result.Status == 505 && result.Request == "raw " + UnknownVersion);

    /// <summary>One random request; returns a description and the status it got (0: no answer).</summary>
    public async Task<(string Request, int Status)> NextAsync()
    {
        var pick = random.Next(100);
        return pick switch
        {
            < 20 => await SendAsync(HttpMethod.Post, "v1/launcher/launch", Launch(Pick(Names), "sleeper", "{}")),
            < 24 => await SendAsync(HttpMethod.Post, "v1/launcher/launch?wait=ready", Launch(Pick(Names), "sleeper", "{}")),
            < 36 => await SendAsync(HttpMethod.Post, $"v1/launcher/stop/{Pick(Names)}", null),
            < 40 => await SendAsync(HttpMethod.Post, $"v1/launcher/restart/{Pick(Names)}", null),
            < 50 => await SendAsync(HttpMethod.Post, "v1/launcher/launch", Launch(Escape(Pick(HostileNames)), "sleeper", "{}")),
            < 62 => await SendAsync(HttpMethod.Post, "v1/launcher/launch", MalformedBody()),
            < 66 => await SendAsync(HttpMethod.Post, "v1/launcher/stop", MalformedBody()),
            < 67 => await SendAsync(HttpMethod.Post, "v1/launcher/launch", Launch(Pick(Names), "sleeper", BigConfig(100_000))),
            < 68 => await SendAsync(HttpMethod.Post, "v1/launcher/launch", Launch(Pick(Names), "sleeper", BigConfig(1_200_000)), ExpectTooLarge),
            < 76 => await SendAsync(Pick([HttpMethod.Get, HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch]), Pick(Paths()), null),
            < 84 => await SendAsync(HttpMethod.Get, Pick(ReadPaths()), null),
            < 88 => await SendAsync(HttpMethod.Post, $"v1/launcher/scale/{Pick(Names)}", Pick(["{\"replicas\": 3}", "{\"replicas\": -1}", "{\"replicas\": \"x\"}", "[]"])),
            < 94 => await RawAsync(Pick(RawRequests())),
            _ => await SendAsync(HttpMethod.Post, "v1/launcher/launch", Launch(Pick(Names), Pick(["nope", "", "sleeper\n", "SLEEPER"]), "{}")),
        };
    }

    private async Task<(string, int)> SendAsync(HttpMethod method, string path, string? body, string expect = "")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var what = $"{method} {path} {Shorten(body)}{expect}";
        try
        {
            using var response = await daemon.Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return (what, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return (what + " -> " + e.Message, 0);
        }
    }

    // Framing HttpClient will not send: the status line must still come back (Kestrel answers 400 and closes). The
    // socket is not half-closed: Kestrel takes a client's FIN for an abort, as HTTP/1.1 clients do not send one.
    private async Task<(string, int)> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, daemon.Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
            var buffer = new byte[512];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            var line = Encoding.Latin1.GetString(buffer, 0, read).Split("\r\n")[0];
            var status = line.Split(' ') is [_, var code, ..] && int.TryParse(code, out var parsed) ? parsed : 0;
            return ("raw " + Shorten(request), status);
        }
        catch (IOException e)
        {
            return ("raw " + Shorten(request) + " -> " + e.Message, 0);
        }
    }

    private static string Launch(string name, string type, string config) =>
        $"{{\"bot_name\": \"{name}\", \"bot_type\": \"{Escape(type)}\", \"config\": {config}}}";

    private string MalformedBody() => random.Next(12) switch
    {
        0 => "",
        1 => "{",
        2 => "null",
        3 => "[]",
        4 => "{\"bot_name\": 5, \"bot_type\": \"sleeper\"}",
        5 => "{\"bot_name\": \"f1\", \"bot_type\": \"sleeper\", \"config\": [1,2]}",
        6 => "{\"bot_name\": \"f1\", \"bot_type\": \"sleeper\", \"config\": \"text\"}",
        7 => new string('[', 5000) + new string(']', 5000),
        8 => "{\"all\": \"yes\"}",
        9 => Encoding.Latin1.GetString(Enumerable.Range(0, 200).Select(_ => (byte)random.Next(256)).ToArray()),
        10 => "{\"bot_name\": \"f1\", \"bot_name\": \"f2\", \"bot_type\": \"sleeper\"}",
        _ => "{\"bot_name\": \"\\ud800\", \"bot_type\": \"sleeper\"}",
    };

    private string BigConfig(int size) => $"{{\"blob\": \"{new string('x', size)}\", \"n\": {random.Next()}}}";

    private string[] Paths() =>
        ["v1/launcher/launch", $"v1/launcher/stop/{Pick(Names)}", "v1/launcher/stop", "v1/bots", $"v1/bots/{Pick(Names)}", "healthz", "nothing", "v2/bots"];

    private string[] ReadPaths() =>
        [
            "v1/bots", $"v1/bots/{Pick(Names)}", $"v1/bots/{Pick(Names)}/inspect", $"v1/bots/{Pick(Names)}/logs?tail=5",
            $"v1/bots/{Pick(Names)}/logs?tail=-1", $"v1/bots/{Pick(Names)}/logs?tail=abc", "v1/bots/%2e%2e%2fetc", "v1/bots/..%2F..%2Fstate",
            "healthz", "openapi/v1.json", "v1/bots/" + new string('z', 3000), "v1/launcher/launch?wait=never",
        ];

    private string[] RawRequests() =>
        [
            $"POST /v1/launcher/launch HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{{}}\r\n0\r\n\r\n",
            "GARBAGE\r\n\r\n",
            UnknownVersion,
            $"GET /v1/bots HTTP/1.1\r\nHost: 127.0.0.1\r\n{new string('X', 40_000)}: y\r\n\r\n",
            "POST /v1/launcher/stop HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
        ];

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + $"... ({text.Length} chars)";
}
