namespace Corral.Processes;

/// <summary>
/// One /proc scan for every caller that asks while none has begun: a hundred units stopping at once share a
/// handful of scans instead of making a hundred. Every caller gets a scan that began after it asked, so none
/// sees a table older than its own question.
/// </summary>
public static class SharedSnapshot
{
    // Process-wide on purpose: it holds no state between scans, only the one scan about to start.
    private static readonly Lock Gate = new();
    private static Task<ProcessSnapshot>? next;

    public static Task<ProcessSnapshot> TakeAsync()
    {
        lock (Gate)
        {
            return next ??= ScanSoonAsync();
        }
    }

    private static async Task<ProcessSnapshot> ScanSoonAsync()
    {
        // Let the callers of this instant join before the scan begins.
        await Task.Yield();
        lock (Gate)
        {
            next = null;
        }

        return new ProcessSnapshot(ProcessTable.Snapshot());
    }
}
