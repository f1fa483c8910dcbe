using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Corral.Docker.Engine;

public sealed partial class DockerClient
{
    public async Task<string> CreateServiceAsync(ServiceSpec spec, CancellationToken cancel = default)
    {
        var created = await PostAsync("services/create", spec, DockerJsonContext.Default.ServiceSpec, DockerJsonContext.Default.CreatedResponse, cancel)
            .ConfigureAwait(false);
        return created.Id;
    }

    public async Task<ServiceInspect?> InspectServiceAsync(string id, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"services/{id}", null, cancel, allowNotFound: true).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false), DockerJsonContext.Default.ServiceInspect);
    }

    /// <summary>Replaces the service's spec; <paramref name="version"/> guards against a concurrent update.</summary>
    public async Task UpdateServiceAsync(string id, long version, ServiceSpec spec, CancellationToken cancel = default)
    {
        using var content = new StringContent(JsonSerializer.Serialize(spec, DockerJsonContext.Default.ServiceSpec), Encoding.UTF8, "application/json");
        using var _ = await SendAsync(HttpMethod.Post, $"services/{id}/update?version={version.ToString(CultureInfo.InvariantCulture)}", content, cancel)
            .ConfigureAwait(false);
    }

    public async Task RemoveServiceAsync(string id, CancellationToken cancel = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"services/{id}", null, cancel, allowNotFound: true).ConfigureAwait(false);
    }

    /// <summary>The tasks of a service; none once the service is gone.</summary>
    public async Task<IReadOnlyList<SwarmTask>> ListTasksAsync(string serviceId, CancellationToken cancel = default)
    {
        var filters = Uri.EscapeDataString($"{{\"service\":[\"{serviceId}\"]}}");
        using var response = await SendAsync(HttpMethod.Get, $"tasks?filters={filters}", null, cancel, allowNotFound: true).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? []
            : JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false), DockerJsonContext.Default.ListSwarmTask) ?? [];
    }

    public async Task<IReadOnlyList<ServiceInspect>> ListServicesAsync(string label, CancellationToken cancel = default)
    {
        var filters = Uri.EscapeDataString($"{{\"label\":[\"{label}\"]}}");
        return await GetAsync($"services?filters={filters}", DockerJsonContext.Default.ListServiceInspect, cancel).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SwarmNode>> ListNodesAsync(CancellationToken cancel = default) =>
        await GetAsync("nodes", DockerJsonContext.Default.ListSwarmNode, cancel).ConfigureAwait(false);

    /// <summary>Follows the logs of every task of a service, like <see cref="FollowLogsAsync"/> for one container.</summary>
    public async Task FollowServiceLogsAsync(string id, long sinceUnixSeconds, Action<string, bool> onLine, CancellationToken cancel)
    {
        using var response = await SendAsync(HttpMethod.Get,
            $"services/{id}/logs?stdout=true&stderr=true&follow=true&since={sinceUnixSeconds.ToString(CultureInfo.InvariantCulture)}",
            null, cancel, longRunning: true).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await LogFrames.ReadAsync(stream, onLine, cancel).ConfigureAwait(false);
    }
}
