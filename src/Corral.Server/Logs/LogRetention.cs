using Corral.Processes;

namespace Corral.Server.Logs;

/// <summary>
/// Removes the log files (and rotated copies) of bots the daemon no longer has, once they have been quiet for the
/// retention: kept long enough to read why a bot ended, never piling up over weeks of launches.
/// </summary>
public static class LogRetention
{
    /// <summary>Deletes <c>NAME.log</c>, <c>NAME.stderr</c> and their rotated copies <c>.N</c> in <paramref name="folder"/> whose bot is unknown and whose last write is older than <paramref name="retention"/>; returns how many.</summary>
    public static int Prune(string folder, Func<string, bool> isKnown, TimeSpan retention, DateTimeOffset now)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = BotOf(Path.GetFileName(file));
            if (name is null || isKnown(name))
            {
                continue;
            }

            try
            {
                if (now - File.GetLastWriteTimeUtc(file) >= retention)
                {
                    File.Delete(file);
                    LogTimelines.Forget(file);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already, or not ours to delete: the next pass tries again.
            }
        }

        return removed;
    }

    /// <summary>Deletes the bot's log, its stderr file and their rotated copies now (a retention of zero).</summary>
    public static void Delete(string logFile)
    {
        var folder = Path.GetDirectoryName(logFile)!;
        var bot = BotOf(Path.GetFileName(logFile));
        if (bot is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, bot + ".*").Where(f => BotOf(Path.GetFileName(f)) == bot))
        {
            File.Delete(file);
            LogTimelines.Forget(file);
        }
    }

    // "a.log", "a.log.3", "a.stderr", "a.stderr.3" -> "a"; anything else is not a bot's log.
    private static string? BotOf(string file) => BotOf(file, ".log") ?? BotOf(file, LogNames.StderrSuffix);

    private static string? BotOf(string file, string suffix)
    {
        var at = file.LastIndexOf(suffix, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var rest = file[(at + suffix.Length)..];
        return rest.Length == 0 || (rest[0] == '.' && rest.Length > 1 && rest[1..].All(char.IsAsciiDigit)) ? file[..at] : null;
    }
}
