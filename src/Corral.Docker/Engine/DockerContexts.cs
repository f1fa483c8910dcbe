using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Corral.Docker.Engine;

/// <summary>
/// The engine a Docker context names, read as the docker CLI reads it: the context is <c>DOCKER_CONTEXT</c>, else
/// <c>currentContext</c> in <c>config.json</c> of <c>DOCKER_CONFIG</c> (default <c>~/.docker</c>); its endpoint is in
/// <c>contexts/meta/SHA256(name)/meta.json</c> there. Null for the <c>default</c> context or when none is set.
/// </summary>
internal static class DockerContexts
{
    /// <summary>The docker CLI's own folder, <c>~/.docker</c>: its config and contexts, and its TLS files by default.</summary>
    public static string UserFolder => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    public static Uri? CurrentEndpoint()
    {
        var folder = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured ? configured : UserFolder;
        var name = Environment.GetEnvironmentVariable("DOCKER_CONTEXT") is { Length: > 0 } chosen ? chosen : CurrentContext(folder);
        if (name is null or "default")
        {
            return null;
        }

        var meta = Path.Combine(folder, "contexts", "meta", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))), "meta.json");
        if (!File.Exists(meta))
        {
            throw new DockerException(0, $"The Docker context '{name}' does not exist (no {meta}); see docker context ls.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(meta));
        return document.RootElement.TryGetProperty("Endpoints", out var endpoints)
            && endpoints.TryGetProperty("docker", out var docker)
            && docker.TryGetProperty("Host", out var host)
            && host.GetString() is { Length: > 0 } address
                ? new Uri(address)
                : throw new DockerException(0, $"The Docker context '{name}' names no engine (Endpoints.docker.Host in {meta}).");
    }

    private static string? CurrentContext(string folder)
    {
        var config = Path.Combine(folder, "config.json");
        if (!File.Exists(config))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(config));
        return document.RootElement.TryGetProperty("currentContext", out var current) ? current.GetString() : null;
    }
}
