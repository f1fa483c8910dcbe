using System.Collections.Concurrent;
using Corral.Processes;

namespace Corral.Containment;

/// <summary>
/// The last net of a batch of stops (a fleet's teardown, a daemon's stop-all): every unit stopped inside the batch
/// leaves its tag net to one scan of the process table after all of them, instead of a scan each. The batch flows
/// with the async context, so units stopped on other threads of the same teardown join it.
/// </summary>
public sealed class TagNet
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly AsyncLocal<TagNet?> Current = new();
    private readonly ConcurrentDictionary<string, bool> units = new(StringComparer.Ordinal);

    private TagNet()
    {
    }

    /// <summary>Starts a batch in the calling async context; call <see cref="SweepAsync"/> once every stop returned.</summary>
    public static TagNet Begin()
    {
        var batch = new TagNet();
        Current.Value = batch;
        return batch;
    }

    /// <summary>True when a batch takes the net of <paramref name="unitId"/>; false: the unit casts its own.</summary>
    internal static bool DeferTo(string unitId)
    {
        if (Current.Value is not { } batch)
        {
            return false;
        }

        batch.units[unitId] = true;
        return true;
    }

    /// <summary>Kills what carries the tag of any unit of the batch, with its descendants; returns what it killed.</summary>
    public async Task<IReadOnlyList<StoppedMember>> SweepAsync()
    {
        if (units.IsEmpty)
        {
            return [];
        }

        var ids = units.Keys.ToList();
        return await TreeKiller.KillAsync(
            snapshot => ids.SelectMany(snapshot.CarryingUnit),
            KillTimeout,
            $"the processes tagged with the {ids.Count} stopped unit(s)").ConfigureAwait(false);
    }
}
