using Corral.Docker.Engine;
using Corral.Exceptions;
using Corral.Execution;
using Corral.Processes;

namespace Corral.Docker.Containers;

/// <summary>What every container and service Corral creates shares: an image that must exist, labels, tagged environment.</summary>
internal static class EngineUnits
{
    /// <summary>Fails at once for a missing image: no registry is reachable, so a pull would only hang.</summary>
    public static async Task EnsureImageAsync(DockerClient docker, string image, string who, CancellationToken cancel)
    {
        if (!await docker.ImageExistsAsync(image, cancel).ConfigureAwait(false))
        {
            throw new LaunchException(
                $"{who}: image '{image}' does not exist on the engine, and Corral never pulls (no registry is reachable here): "
                + "build or import it first, on every node (docker build -t IMAGE ., or docker import ROOTFS.tar IMAGE).");
        }
    }

    /// <summary>The labels that let a restarted daemon re-adopt the unit and a sweep find its owner.</summary>
    public static Dictionary<string, string> Labels(string name, string? type = null)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DockerStrategy.OwnerLabel] = ProcessLauncher.OwnerId,
            [DockerStrategy.NameLabel] = name,
        };
        if (type is not null)
        {
            labels[DockerStrategy.TypeLabel] = type;
        }

        return labels;
    }

    /// <summary>
    /// The launch spec's environment as KEY=VALUE, with the owner and name tags local processes carry too. A value
    /// naming a host file the unit is given is rewritten to where the container sees it (<paramref name="mounted"/>),
    /// or dropped where it cannot be mounted (a Swarm task may run on another node).
    /// </summary>
    public static List<string> Environment(LaunchSpec spec, IReadOnlyList<FileMount> files, bool mounted) =>
        spec.Environment
            .Select(e => (e.Key, Value: files.FirstOrDefault(f => f.HostPath == e.Value) is { } file ? (mounted ? file.ContainerPath : null) : e.Value))
            .Where(e => e.Value is not null)
            .Select(e => $"{e.Key}={e.Value}")
            .Concat([$"{CorralEnvironment.Owner}={ProcessLauncher.OwnerId}", $"{CorralEnvironment.Name}={spec.Name}"])
            .ToList();

    /// <summary>The container's (and service's) name: <c>corral-UNIT</c>, unique on the engine.</summary>
    public static string ContainerName(UnitRequest request) => "corral-" + request.UnitName;
}
