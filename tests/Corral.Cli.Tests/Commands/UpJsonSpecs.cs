using System.Text.Json;
using Corral.Cli.Tests.Support;

namespace Corral.Cli.Tests.Commands;

/// <summary><c>corral up --json</c>: stdout is data only, one JSON object per line; people's text goes to stderr.</summary>
public sealed class UpJsonSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task Events_and_output_are_json_lines_on_stdout_and_the_test_command_s_output_goes_to_stderr()
    {
        using var fleet = new TempFleet(TempFleet.TwoTrees);

        var (code, run) = await CorralRun.RunAsync(fleet.Directory, "up", fleet.Path, "--json", "--", "sh", "-c", "echo said-by-the-test");

        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var events = lines.Where(l => l.TryGetProperty("event", out _)).Select(l => l.GetProperty("event")).ToList();
        var output = lines.Where(l => l.TryGetProperty("output", out _)).Select(l => l.GetProperty("output")).ToList();
        Assert.Equal(0, code);
        Assert.Equal(["tree#0", "tree#1"], events.Where(e => e.GetProperty("kind").GetString() == "ready").Select(e => e.GetProperty("bot_name").GetString()).Order());
        Assert.Equal(2, events.Count(e => e.GetProperty("kind").GetString() == "stopped"));
        Assert.Contains(output, o => o.GetProperty("line").GetString()!.StartsWith("tree of", StringComparison.Ordinal));
        Assert.DoesNotContain("said-by-the-test", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("said-by-the-test", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Launched());
    }

    [Fact(Timeout = 120_000)]
    public async Task Each_output_line_names_the_stream_it_was_written_to()
    {
        using var fleet = new TempFleet("""
            processes:
              talker:
                command: [sh, -c, "echo to-stdout; echo to-stderr >&2; exec sleep 100000"]
                readiness: { log: "to-stderr" }
            """);

        var (code, run) = await CorralRun.RunAsync(fleet.Directory, "up", fleet.Path, "--json", "--", "true");

        var output = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.TryGetProperty("output", out _)).Select(l => l.GetProperty("output"))
            .ToDictionary(o => o.GetProperty("line").GetString()!, o => o.GetProperty("stream").GetString());
        Assert.Equal(0, code);
        Assert.Equal("stdout", output["to-stdout"]);
        Assert.Equal("stderr", output["to-stderr"]);
        Assert.Empty(run.Launched());
    }
}
