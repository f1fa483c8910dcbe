using System.Globalization;
using System.Net;
using Corral.Exceptions;

namespace Corral.Server.Hosting;

/// <summary>Parses <c>host:port</c> (<c>127.0.0.1:9501</c>, <c>[::1]:9501</c>, <c>localhost:9501</c>) and knows loopback.</summary>
public sealed record ListenAddress(string Host, int Port)
{
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    public string Url => $"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    public static ListenAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new CorralException($"--listen: expected host:port such as 127.0.0.1:9501, got '{text}'.");
        }

        return new ListenAddress(text[..colon].Trim('[', ']'), port);
    }
}
