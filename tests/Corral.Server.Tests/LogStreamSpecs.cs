using System.Net;
using System.Text.Json;
using Corral.Contracts;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>A bot's stderr is kept in a file of its own and told apart in every reader: the API, its JSON lines, the CLI.</summary>
public sealed class LogStreamSpecs
{
    private const string Types = """
        types:
          talker:
            command: [sh, -c, "echo out-early; echo err-early >&2; while [ ! -e go ]; do sleep 0.05; done; echo out-late; echo err-late >&2; exec sleep 100000"]
            readiness: { log: "err-early" }
        """;

    [Fact(Timeout = 180_000)]
    public async Task Stderr_goes_to_its_own_file_and_the_api_tags_each_line_with_its_stream()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("t1", "talker", waitReady: true))
        {
        }

        var bot = await daemon.GetAsync("t1");
        Assert.Equal(["out-early"], File.ReadAllLines(bot.LogFile));
        Assert.Equal(["err-early"], File.ReadAllLines(Path.ChangeExtension(bot.LogFile, ".stderr")));

        Assert.Equal("out-early\nerr-early\n", await daemon.Http.GetStringAsync("v1/bots/t1/logs"));
        Assert.Equal("err-early\n", await daemon.Http.GetStringAsync("v1/bots/t1/logs?stream=stderr"));
        Assert.Equal("out-early\n", await daemon.Http.GetStringAsync("v1/bots/t1/logs?stream=stdout"));
        Assert.Equal(
            [new LogLineDto("t1", "stdout", "out-early"), new LogLineDto("t1", "stderr", "err-early")],
            Parse(await daemon.Http.GetStringAsync("v1/bots/t1/logs?format=json")));
        Assert.Equal([new LogLineDto("t1", "stderr", "err-early")], Parse(await daemon.Http.GetStringAsync("v1/logs?format=json&stream=stderr")));
        Assert.Equal("t1 | out-early\nt1 | err-early\n", await daemon.Http.GetStringAsync("v1/logs"));

        using var badStream = await daemon.Http.GetAsync("v1/bots/t1/logs?stream=both");
        Assert.Equal(HttpStatusCode.BadRequest, badStream.StatusCode);
        Assert.Contains("stream must be stdout, stderr or all", await badStream.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badFormat = await daemon.Http.GetAsync("v1/logs?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_follower_gets_each_stream_s_new_lines_tagged_as_they_are_written()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("t1", "talker", waitReady: true))
        {
        }

        using var response = await daemon.Http.GetAsync("v1/bots/t1/logs?follow=true&format=json", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var early = new[] { await ReadAsync(reader), await ReadAsync(reader) };
        await File.WriteAllTextAsync(Path.Combine(daemon.Directory, "go"), "");
        var late = new[] { await ReadAsync(reader), await ReadAsync(reader) };

        Assert.Equal([new LogLineDto("t1", "stdout", "out-early"), new LogLineDto("t1", "stderr", "err-early")], early);
        Assert.Equal(
            [new LogLineDto("t1", "stderr", "err-late"), new LogLineDto("t1", "stdout", "out-late")],
            late.OrderBy(l => l.Stream, StringComparer.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_type_with_stderr_merged_keeps_both_streams_in_one_file()
    {
        await using var daemon = await Daemon.StartAsync(Types + "\n    logs: { stderr: merged }");
        using (await daemon.LaunchAsync("t1", "talker", waitReady: true))
        {
        }

        var bot = await daemon.GetAsync("t1");
        Assert.Equal(["out-early", "err-early"], File.ReadAllLines(bot.LogFile));
        Assert.False(File.Exists(Path.ChangeExtension(bot.LogFile, ".stderr")));
    }

    [Fact(Timeout = 180_000)]
    public async Task The_cli_picks_a_stream_and_its_json_lines_name_the_stream()
    {
        await using var daemon = await Daemon.StartAsync(Types);
        using (await daemon.LaunchAsync("t1", "talker", waitReady: true))
        {
        }

        var url = $"http://127.0.0.1:{daemon.Port}";
        var (stderrCode, stderrOnly) = await ClientVerbSpecs.CorralAsync("logs", "t1", "--stream", "stderr", "--url", url);
        var (jsonCode, json) = await ClientVerbSpecs.CorralAsync("logs", "t1", "--json", "--url", url);
        var (mergedCode, merged) = await ClientVerbSpecs.CorralAsync("logs", "--url", url, "t1");

        Assert.Equal(0, stderrCode);
        Assert.Equal("err-early", stderrOnly.Trim());
        Assert.Equal(0, jsonCode);
        Assert.Equal([new LogLineDto("t1", "stdout", "out-early"), new LogLineDto("t1", "stderr", "err-early")], Parse(json));
        Assert.Equal(0, mergedCode);
        Assert.Equal("out-early\nerr-early", merged.Trim());
    }

    private static async Task<LogLineDto> ReadAsync(StreamReader reader) =>
        JsonSerializer.Deserialize(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "null", ApiJsonContext.Default.LogLineDto)!;

    private static List<LogLineDto> Parse(string lines) =>
        lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize(l, ApiJsonContext.Default.LogLineDto)!).ToList();
}
