using System.Collections.Concurrent;

namespace Corral.Processes;

/// <summary>The timeline of every log file this process follows or writes, by full path: its writers and readers meet here.</summary>
public static class LogTimelines
{
    private static readonly ConcurrentDictionary<string, LogTimeline> ByPath = new(StringComparer.Ordinal);

    public static LogTimeline For(string path) => ByPath.GetOrAdd(Path.GetFullPath(path), _ => new LogTimeline());

    /// <summary>The file's timeline, or null when nothing in this process followed or wrote it.</summary>
    public static LogTimeline? Find(string path) => ByPath.GetValueOrDefault(Path.GetFullPath(path));

    /// <summary>The file is deleted (its bot removed): its timeline goes too.</summary>
    public static void Forget(string path) => ByPath.TryRemove(Path.GetFullPath(path), out _);
}
