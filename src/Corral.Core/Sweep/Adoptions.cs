using Corral.Processes;

namespace Corral.Sweep;

/// <summary>
/// Which live corral took over the processes of a corral that died (a restarted daemon adopts its bots). Their tags
/// still name the dead owner, so without this record a sweep would take adopted, supervised processes for orphans.
/// </summary>
public static class Adoptions
{
    private static string Folder => Path.Combine(Path.GetTempPath(), "corral-adoptions");

    /// <summary>Records that this process took over a unit tagged with <paramref name="owner"/>, unless that is itself.</summary>
    public static void RecordIfForeign(string? owner)
    {
        if (owner is not null && owner != ProcessTable.Self.ToString())
        {
            Record(owner, ProcessTable.Self);
        }
    }

    public static void Record(string deadOwner, ProcessId adopter)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, Sanitize(deadOwner)), adopter.ToString());
    }

    /// <summary>True when <paramref name="owner"/> lives, or a live corral adopted what it launched.</summary>
    public static bool IsHeld(string owner)
    {
        if (ProcessId.TryParse(owner, out var id) && ProcessTable.IsAlive(id))
        {
            return true;
        }

        var record = Path.Combine(Folder, Sanitize(owner));
        try
        {
            return File.Exists(record) && ProcessId.TryParse(File.ReadAllText(record).Trim(), out var adopter) && ProcessTable.IsAlive(adopter);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Sanitize(string owner) => string.Concat(owner.Where(c => char.IsAsciiDigit(c) || c == '-'));
}
