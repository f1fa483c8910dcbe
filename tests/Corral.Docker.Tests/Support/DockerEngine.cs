using Corral.Docker.Engine;

namespace Corral.Docker.Tests.Support;

/// <summary>Whether a Docker engine and the locally built test image are here; tests are skipped (never passed) otherwise.</summary>
internal static class DockerEngine
{
    /// <summary>A busybox-static rootfs imported by .ci/run (docker import): no registry is reachable here.</summary>
    public const string TestImage = "corral-test:latest";

    private static readonly Lazy<string?> Missing = new(Check);

    /// <summary>Null when the engine and the image are available; else why the Docker tests cannot run.</summary>
    public static string? WhyUnavailable => Missing.Value;

    private static readonly Lazy<string?> NoSwarm = new(() =>
    {
        using var docker = Client();
        var info = docker.InfoAsync().GetAwaiter().GetResult();
        return info.Swarm.ControlAvailable ? null : "this engine is not a swarm manager (.ci/run runs docker swarm init --advertise-addr 127.0.0.1)";
    });

    /// <summary>Null on a swarm manager; else why the Swarm tests cannot run.</summary>
    public static string? WhyNoSwarm => NoSwarm.Value;

    public static DockerClient Client() => new();

    private static string? Check()
    {
        using var docker = Client();
        if (docker.Endpoint.IsAbsent)
        {
            return $"no Docker engine: {docker.Endpoint} does not exist (.ci/run installs docker.io and starts dockerd)";
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            docker.InfoAsync(timeout.Token).GetAwaiter().GetResult();
            return docker.ImageExistsAsync(TestImage, timeout.Token).GetAwaiter().GetResult()
                ? null
                : $"the test image {TestImage} is missing (.ci/run builds it with docker import of a busybox-static rootfs)";
        }
        catch (Exception e) when (e is DockerException or OperationCanceledException)
        {
            return $"the Docker engine does not answer: {e.Message}";
        }
    }
}
