using Corral.Processes;
using Corral.Readiness;
using Corral.Server.Tests.Support;

namespace Corral.Tests.Readiness;

/// <summary>
/// A log probe hears a process's stdout and stderr, each followed by a tailer of its own on a pool thread: a line
/// that matched stays matched whatever the other stream says at the same instant.
/// </summary>
public sealed class LogProbeSpecs
{
    private const int Rounds = 3000;

    [Fact(Timeout = 120_000)]
    public async Task A_matching_line_is_not_lost_to_a_line_of_the_other_stream_at_the_same_instant()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var output = new OutputBuffer();
            using var probe = new LogProbe(output, "to stderr");
            using (var line = new StartingLine(2, stream =>
            {
                if (stream == 0)
                {
                    output.Add(new OutputLine("bot", true, "to stderr"));
                    return;
                }

                for (var i = 0; i < 50; i++)
                {
                    output.Add(new OutputLine("bot", false, "to stdout"));
                }
            }))
            {
                line.Release();
                line.Join();
            }

            var result = await probe.ProbeAsync(CancellationToken.None);
            Assert.True(result.Ready, $"round {round}: {result.Error}");
        }
    }
}
