namespace Corral.Server.Logs;

/// <summary>
/// Removes the log files (and rotated copies) of bots the daemon no longer has, once they have been quiet for the
/// retention: kept long enough to read why a bot ended, never piling up over weeks of launches.
/// </summary>
public static class LogRetention
{
    /// <summary>Deletes <c>NAME.log</c> and <c>NAME.log.N</c> in <paramref name="folder"/> whose bot is unknown and whose last write is older than <paramref name="retention"/>; returns how many.</summary>
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

    /// <summary>Deletes the bot's log and its rotated copies now (a retention of zero).</summary>
    public static void Delete(string logFile)
    {
        var folder = Path.GetDirectoryName(logFile)!;
        var bot = BotOf(Path.GetFileName(logFile));
        if (bot is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(logFile) + "*").Where(f => BotOf(Path.GetFileName(f)) == bot))
        {
            File.Delete(file);
        }
    }

    // "a.log" -> "a", "a.log.3" -> "a"; anything else is not a bot's log.
    private static string? BotOf(string file)
    {
        var at = file.LastIndexOf(".log", StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var rest = file[(at + 4)..];
        return rest.Length == 0 || (rest[0] == '.' && rest.Length > 1 && rest[1..].All(char.IsAsciiDigit)) ? file[..at] : null;
    }
}
