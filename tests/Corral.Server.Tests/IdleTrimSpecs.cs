using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Corral.Contracts;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>
/// A daemon that has gone quiet gives its start-up pages back (the executable's clean code and read-only data, and
/// the GC's free regions) and then works exactly as before: the pages it drops are the file's own, mapped again on
/// the next use. The NativeAOT run of this spec is the one that matters: there the image is the whole program.
/// </summary>
public sealed class IdleTrimSpecs
{
    private const string Types = """
        types:
          sleeper:
            command: [sleep, "100000"]
        """;

    [Fact(Timeout = 180_000)]
    public async Task A_quiet_daemon_gives_back_its_image_pages_and_keeps_launching_listing_and_stopping()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        for (var i = 0; i < 3; i++)
        {
            using var launched = await daemon.LaunchAsync($"b{i}", "sleeper");
            Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        }

        var afterBurst = ImageResidentKilobytes(daemon.Owner.Pid);
        Assert.True(afterBurst > 0, "the daemon's executable has no resident page right after serving requests");
        await daemon.UntilAsync(() => Task.FromResult(ImageResidentKilobytes(daemon.Owner.Pid) < afterBurst), "the quiet daemon dropped image pages");

        var list = await daemon.ListAsync();
        Assert.Equal(3, list.Bots.Count);
        Assert.All(list.Bots, b => Assert.Equal("running", b.Status));
        using (var fourth = await daemon.LaunchAsync("b3", "sleeper"))
        {
            Assert.Equal(HttpStatusCode.Created, fourth.StatusCode);
        }

        using var stopped = await daemon.Http.PostAsJsonAsync("v1/launcher/stop", new { all = true });
        var stops = (await stopped.Content.ReadFromJsonAsync<StopAllDto>(Daemon.Json))!;
        Assert.Equal(4, stops.Stopped.Count);
        Assert.All(stops.Stopped, s => Assert.True(s.ProvenEmpty));
        Assert.Empty(daemon.Launched());
    }

    // The resident part of the executable's read-only mappings (its code and constant data).
    private static long ImageResidentKilobytes(int pid)
    {
        var image = " " + new FileInfo($"/proc/{pid}/exe").LinkTarget;
        long total = 0;
        var counting = false;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                counting = fields[1] is "r--p" or "r-xp" && line.EndsWith(image, StringComparison.Ordinal);
            }
            else if (counting && fields[0] == "Rss:")
            {
                total += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
