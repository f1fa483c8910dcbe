using System.Collections.Concurrent;
using System.Diagnostics;

namespace Corral.Docker.Engine;

/// <summary>
/// The engine's stats endpoint takes about a second per container (it samples twice to compute CPU), too slow for
/// every listing. The first question waits for a sample; later ones get the last sample at once and refresh it in
/// the background when it is older than <see cref="MaxAge"/>.
/// </summary>
internal sealed class StatsCache(DockerClient docker)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<(double CpuSeconds, long MemoryBytes)> GetAsync(string container, CancellationToken cancel)
    {
        if (entries.TryGetValue(container, out var entry))
        {
            if (Stopwatch.GetElapsedTime(entry.Taken) > MaxAge && entry.Refresh is null or { IsCompleted: true })
            {
                entries[container] = entry with { Refresh = RefreshAsync(container) };
            }

            return entry.Value;
        }

        var value = await docker.StatsAsync(container, cancel).ConfigureAwait(false);
        entries[container] = new Entry(value, Stopwatch.GetTimestamp(), null);
        return value;
    }

    public void Forget(string container) => entries.TryRemove(container, out _);

    private async Task RefreshAsync(string container)
    {
        try
        {
            var value = await docker.StatsAsync(container).ConfigureAwait(false);
            entries[container] = new Entry(value, Stopwatch.GetTimestamp(), null);
        }
        catch (DockerException)
        {
            entries.TryRemove(container, out _);
        }
    }

    private sealed record Entry((double CpuSeconds, long MemoryBytes) Value, long Taken, Task? Refresh);
}
