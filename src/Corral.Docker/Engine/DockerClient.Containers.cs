using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Corral.Docker.Engine;

public sealed partial class DockerClient
{
    public async Task<string> CreateContainerAsync(string name, ContainerCreateRequest request, CancellationToken cancel = default)
    {
        var created = await PostAsync($"containers/create?name={Uri.EscapeDataString(name)}", request,
            DockerJsonContext.Default.ContainerCreateRequest, DockerJsonContext.Default.CreatedResponse, cancel).ConfigureAwait(false);
        return created.Id;
    }

    public async Task StartContainerAsync(string id, CancellationToken cancel = default)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"containers/{id}/start", null, cancel).ConfigureAwait(false);
    }

    /// <summary>The engine sends the container's stop signal, waits <paramref name="graceSeconds"/>, then SIGKILL.</summary>
    public async Task StopContainerAsync(string id, int graceSeconds, CancellationToken cancel = default)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"containers/{id}/stop?t={graceSeconds.ToString(CultureInfo.InvariantCulture)}", null, cancel,
            allowNotFound: true, longRunning: true).ConfigureAwait(false);
    }

    public async Task KillContainerAsync(string id, CancellationToken cancel = default)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Post, $"containers/{id}/kill", null, cancel, allowNotFound: true).ConfigureAwait(false);
        }
        catch (DockerException e) when (e.StatusCode == (int)HttpStatusCode.Conflict)
        {
            // Not running any more: nothing to kill.
        }
    }

    /// <summary>Blocks until the container exits and returns its exit code.</summary>
    public async Task<int> WaitContainerAsync(string id, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"containers/{id}/wait", null, cancel, longRunning: true).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        return JsonSerializer.Deserialize(text, DockerJsonContext.Default.WaitResponse)?.StatusCode ?? -1;
    }

    /// <summary>Force-removes the container; one already being removed (by a concurrent stop) is waited for instead.</summary>
    public async Task RemoveContainerAsync(string id, CancellationToken cancel = default)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Delete, $"containers/{id}?force=true&v=true", null, cancel, allowNotFound: true).ConfigureAwait(false);
        }
        catch (DockerException e) when (e.StatusCode == (int)HttpStatusCode.Conflict)
        {
            for (var attempt = 0; attempt < 200 && await InspectContainerAsync(id, cancel).ConfigureAwait(false) is not null; attempt++)
            {
                await Task.Delay(50, cancel).ConfigureAwait(false);
            }
        }
    }

    public async Task<ContainerInspect?> InspectContainerAsync(string id, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"containers/{id}/json", null, cancel, allowNotFound: true).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false), DockerJsonContext.Default.ContainerInspect);
    }

    /// <summary>Containers (running or not) carrying the label, e.g. <c>corral.owner</c> or <c>corral.name=b1</c>.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(string label, CancellationToken cancel = default)
    {
        var filters = Uri.EscapeDataString($"{{\"label\":[\"{label}\"]}}");
        return await GetAsync($"containers/json?all=true&filters={filters}", DockerJsonContext.Default.ListContainerSummary, cancel).ConfigureAwait(false);
    }

    /// <summary>The processes running inside the container (as <c>ps</c> rows).</summary>
    public async Task<TopResponse> TopAsync(string id, CancellationToken cancel = default) =>
        await GetAsync($"containers/{id}/top", DockerJsonContext.Default.TopResponse, cancel).ConfigureAwait(false);

    /// <summary>One sample of CPU seconds and memory bytes from the stats endpoint.</summary>
    public async Task<(double CpuSeconds, long MemoryBytes)> StatsAsync(string id, CancellationToken cancel = default)
    {
        var root = await GetAsync($"containers/{id}/stats?stream=false&one-shot=true", DockerJsonContext.Default.JsonElement, cancel).ConfigureAwait(false);
        var cpu = root.TryGetProperty("cpu_stats", out var cpuStats) && cpuStats.TryGetProperty("cpu_usage", out var usage)
            && usage.TryGetProperty("total_usage", out var total) ? total.GetDouble() / 1e9 : 0;
        var memory = root.TryGetProperty("memory_stats", out var memoryStats) && memoryStats.TryGetProperty("usage", out var used) ? used.GetInt64() : 0;
        return (cpu, memory);
    }

    /// <summary>
    /// Follows the container's stdout and stderr (no TTY: the engine multiplexes them in 8-byte-header frames) and
    /// hands each line on, until the container's log ends or <paramref name="cancel"/> fires.
    /// </summary>
    public async Task FollowLogsAsync(string id, long sinceUnixSeconds, Action<string, bool> onLine, CancellationToken cancel)
    {
        using var response = await SendAsync(HttpMethod.Get,
            $"containers/{id}/logs?stdout=true&stderr=true&follow=true&since={sinceUnixSeconds.ToString(CultureInfo.InvariantCulture)}",
            null, cancel, longRunning: true).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await LogFrames.ReadAsync(stream, onLine, cancel).ConfigureAwait(false);
    }
}
