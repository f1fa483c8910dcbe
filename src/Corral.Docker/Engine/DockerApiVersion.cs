using System.Globalization;
using System.Text.Json;

namespace Corral.Docker.Engine;

/// <summary>
/// The Engine API version every request names in its path (<c>/v1.41/containers/json</c>): the engine's own, up to the
/// newest Corral was tested with, so a newer engine keeps answering in the shape Corral reads.
/// </summary>
internal static class DockerApiVersion
{
    /// <summary>The newest API version Corral asks for.</summary>
    public static readonly Version Newest = new(1, 47);

    /// <summary>The version to use with an engine whose <c>GET /version</c> answered <paramref name="versionJson"/>.</summary>
    public static Version Negotiate(string versionJson)
    {
        using var document = JsonDocument.Parse(versionJson);
        if (document.RootElement.TryGetProperty("ApiVersion", out var api) && api.GetString() is { } text
            && Version.TryParse(text, out var engine))
        {
            return engine < Newest ? engine : Newest;
        }

        throw new DockerException(0, "The Docker engine did not say which API version it speaks (GET /version has no ApiVersion).");
    }

    public static string PathPrefix(Version version) => string.Create(CultureInfo.InvariantCulture, $"v{version.Major}.{version.Minor}/");
}
