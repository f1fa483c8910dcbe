using Corral.Supervision;
using Corral.Server.Tests.Support;

namespace Corral.Tests.Supervision;

public sealed class LogRotatorSpecs
{
    [Fact]
    public void A_file_over_the_limit_is_copied_aside_and_truncated_in_place_keeping_n_old_files()
    {
        using var folder = new TempFolder("corral-rotate-");
        var log = folder.File("bot.log");
        var spec = new LogRotationSpec(MaxSize: 100, Keep: 2);

        // Bots append with O_APPEND (the shell's >>); appending by reopening at the end is the same for the rotator.
        for (var round = 1; round <= 3; round++)
        {
            File.AppendAllText(log, new string((char)('0' + round), 150));
            Assert.True(LogRotator.RotateIfNeeded(log, spec));
        }

        File.AppendAllText(log, "after");
        Assert.Equal('3', File.ReadAllText(log + ".1")[0]);
        Assert.Equal('2', File.ReadAllText(log + ".2")[0]);
        Assert.False(File.Exists(log + ".3"));
        Assert.EndsWith("after", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.False(LogRotator.RotateIfNeeded(log, spec));
    }
}
