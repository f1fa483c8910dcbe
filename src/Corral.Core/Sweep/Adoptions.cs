using System.Collections.Concurrent;
using Corral.Processes;

namespace Corral.Sweep;

/// <summary>
/// Which live corral took over the processes of a corral that died (a restarted daemon adopts its bots). Their tags
/// still name the dead owner, so without this record a sweep would take adopted, supervised processes for orphans.
/// The records live in a folder of the user's own (not one shared by every user), where a sweep finds them without
/// knowing any daemon's state directory; each is removed when the last unit adopted from its owner is let go.
/// </summary>
public static class Adoptions
{
    // Dead owner -> the units taken over from it that this process still holds.
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> Held = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>$XDG_RUNTIME_DIR/corral/adoptions</c>, else <c>$XDG_STATE_HOME</c> (or <c>~/.local/state</c>)<c>/corral/adoptions</c>,
    /// else <c>&lt;temp&gt;/corral-&lt;user&gt;/adoptions</c>.
    /// </summary>
    public static string Folder { get; } = ChooseFolder();

    /// <summary>Records that this process took over <paramref name="unitId"/>, tagged with <paramref name="owner"/>, unless that is itself.</summary>
    public static void RecordIfForeign(string? owner, string unitId)
    {
        if (owner is null || owner == ProcessTable.Self.ToString() || Sanitize(owner).Length == 0)
        {
            return;
        }

        Held.GetOrAdd(owner, _ => new(StringComparer.Ordinal))[unitId] = true;
        Record(owner, ProcessTable.Self);
    }

    private static void Record(string deadOwner, ProcessId adopter)
    {
        // Written aside and renamed into place: a sweep reading it mid-write saw an empty record, took it for one whose
        // adopter had died and deleted it (a flaky crash-safety test showed it).
        Directory.CreateDirectory(Folder);
        var record = Path.Combine(Folder, Sanitize(deadOwner));
        var aside = $"{record}.{Environment.ProcessId}.tmp";
        File.WriteAllText(aside, adopter.ToString());
        File.Move(aside, record, overwrite: true);
    }

    /// <summary>The unit is gone (or handed on): the record of its owner goes with the last unit adopted from it.</summary>
    public static void Release(string? unitId)
    {
        if (unitId is null)
        {
            return;
        }

        foreach (var (owner, units) in Held)
        {
            if (units.TryRemove(unitId, out _) && units.IsEmpty && Held.TryRemove(owner, out _))
            {
                TryDelete(Path.Combine(Folder, Sanitize(owner)));
            }
        }
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
            if (!File.Exists(record))
            {
                return false;
            }

            if (ProcessId.TryParse(File.ReadAllText(record).Trim(), out var adopter) && ProcessTable.IsAlive(adopter))
            {
                return true;
            }

            // Its adopter died too: the record says nothing any more (a later adopter writes its own).
            TryDelete(record);
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // The user's own folders first (XDG runtime, then XDG state): a folder under /tmp could be made by another user
    // before ours. /tmp only where the user has no home (a container's arbitrary uid), named by uid then.
    private static string ChooseFolder()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Directory.Exists(runtime))
        {
            return Path.Combine(runtime, "corral", "adoptions");
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home && Directory.Exists(home) ? Path.Combine(home, ".local", "state") : null;
        return state is not null
            ? Path.Combine(state, "corral", "adoptions")
            : Path.Combine(Path.GetTempPath(), $"corral-{Sanitize(UserName(), allowLetters: true)}", "adoptions");
    }

    // A uid without an entry in /etc/passwd (common in containers) has no name: then its number.
    private static string UserName()
    {
        try
        {
            return Environment.UserName;
        }
        catch (IOException)
        {
            return OperatingSystem.IsWindows() ? "user" : $"uid{Interop.Unix.Native.GetEuid()}";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another corral replaced it meanwhile, or it is already gone.
        }
    }

    private static string Sanitize(string owner, bool allowLetters = false) =>
        string.Concat(owner.Where(c => char.IsAsciiDigit(c) || c == '-' || (allowLetters && (char.IsAsciiLetter(c) || c is '_' or '.'))));
}
