namespace Corral.Processes;

/// <summary>
/// Gives memory back once the process has gone quiet: a compacting collection that also returns the GC's free
/// regions to the system, then (Linux) the pages of the executable's code and read-only data that start-up and the
/// last burst touched. Those pages are clean copies of the file: the kernel maps them again from its page cache
/// on the next use (a minor fault, no disk read), so only what the daemon really uses while idle stays resident.
/// </summary>
public static partial class WorkingSet
{
    /// <summary>Trims now (Linux only); returns the resident bytes given back by the image.</summary>
    /// <remarks>
    /// Not on Windows yet: under Wine the aggressive collection brought the daemon down a second after start
    /// ("Internal CLR error" in a dynamic method's finalizer), and nothing here can tell Wine's fault from Windows'.
    /// </remarks>
    public static long Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return DropCleanImagePages();
    }
}
