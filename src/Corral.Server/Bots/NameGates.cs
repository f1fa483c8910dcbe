namespace Corral.Server.Bots;

/// <summary>
/// One gate per bot name, serializing the requests on that name; a gate exists only while someone holds or waits for
/// it, so a daemon that sees a million distinct names over weeks keeps none of them.
/// </summary>
public sealed class NameGates
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock sync = new();

    /// <summary>Waits for the name's gate; dispose the result to let the next request on the name in.</summary>
    public async Task<IDisposable> EnterAsync(string name, CancellationToken cancel)
    {
        Entry entry;
        lock (sync)
        {
            if (!entries.TryGetValue(name, out entry!))
            {
                entries[name] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancel).ConfigureAwait(false);
        }
        catch
        {
            Leave(name, entry, release: false);
            throw;
        }

        return new Held(this, name, entry);
    }

    private void Leave(string name, Entry entry, bool release)
    {
        lock (sync)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(name);
            }
        }

        if (release)
        {
            entry.Semaphore.Release();
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Held(NameGates owner, string name, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(name, entry, release: true);
            }
        }
    }
}
