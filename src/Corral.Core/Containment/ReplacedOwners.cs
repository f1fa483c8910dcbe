using Corral.Processes;
using Corral.Signals;

namespace Corral.Containment;

/// <summary>
/// The cgroup folders (<c>corral/&lt;owner&gt;</c>) of dead corrals whose units this one took over. A daemon that
/// replaces a killed one empties and removes what nothing of its own holds there, and removes each folder once its
/// last adopted unit is gone, so no folder of a dead owner outlives the units it held.
/// </summary>
public static class ReplacedOwners
{
    /// <summary>The owner folder of a recorded cgroup location when that owner is another corral, now dead.</summary>
    public static string? FolderOf(string? unitLocation)
    {
        if (unitLocation is null || !unitLocation.StartsWith('/'))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(unitLocation);
        var root = folder is null ? null : Path.GetDirectoryName(folder);
        if (folder is null || root is null || Path.GetFileName(root) != CgroupContainmentProvider.RootName)
        {
            return null;
        }

        var owner = Path.GetFileName(folder);
        return owner != ProcessTable.Self.ToString() && ProcessId.TryParse(owner, out var id) && !ProcessTable.IsAlive(id) ? folder : null;
    }

    /// <summary>
    /// Kills and removes every unit in <paramref name="folder"/> not in <paramref name="held"/> (what the dead owner
    /// started and nobody recorded), then the folder if that left it empty. Returns the pids it killed.
    /// </summary>
    public static async Task<IReadOnlyList<int>> TakeOverAsync(string folder, IReadOnlySet<string> held)
    {
        var killed = new List<int>();
        foreach (var unit in Subfolders(folder).Where(u => !held.Contains(u)))
        {
            // The stop removes the folder once it proved it empty.
            using var leftover = new CgroupUnit(Path.GetFileName(unit), unit);
            var report = await leftover.StopAsync(new ProcessId(0, 0), Signal.Kill, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            killed.AddRange(report.Killed.Select(k => k.Pid));
        }

        RemoveIfEmpty(folder);
        return killed;
    }

    /// <summary>Removes the replaced owner's folder of <paramref name="unitLocation"/> once none of its units is left.</summary>
    public static void ForgetUnit(string? unitLocation)
    {
        if (FolderOf(unitLocation) is { } folder)
        {
            RemoveIfEmpty(folder);
        }
    }

    private static void RemoveIfEmpty(string folder)
    {
        if (Subfolders(folder).Length == 0)
        {
            CgroupFs.Remove(folder);
        }
    }

    private static string[] Subfolders(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
