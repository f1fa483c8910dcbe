using Corral.Server.Logs;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>The logs of a removed bot, stdout and stderr with their rotated copies, go; no other bot's files do.</summary>
public sealed class LogRetentionSpecs
{
    private static readonly string[] Files =
    [
        "gone.log", "gone.log.1", "gone.stderr", "gone.stderr.2",
        "kept.log", "kept.stderr", "gone.stderr.log", "gone.x.log", "notes.txt",
    ];

    [Fact]
    public void Pruning_deletes_both_streams_of_unknown_bots_and_nothing_of_known_ones()
    {
        using var folder = Populated();
        var known = new HashSet<string> { "kept", "gone.stderr", "gone.x" };

        var removed = LogRetention.Prune(folder.Path, known.Contains, TimeSpan.Zero, DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.Equal(4, removed);
        Assert.Equal(["gone.stderr.log", "gone.x.log", "kept.log", "kept.stderr", "notes.txt"], Remaining(folder));
    }

    [Fact]
    public void Deleting_a_bot_s_logs_takes_its_stderr_file_and_not_a_bot_whose_name_extends_it()
    {
        using var folder = Populated();

        LogRetention.Delete(folder.File("gone.log"));

        Assert.Equal(["gone.stderr.log", "gone.x.log", "kept.log", "kept.stderr", "notes.txt"], Remaining(folder));
    }

    private static TempFolder Populated()
    {
        var folder = new TempFolder("corral-retention-");
        foreach (var name in Files)
        {
            File.WriteAllText(folder.File(name), name);
        }

        return folder;
    }

    private static string[] Remaining(TempFolder folder) =>
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
}
