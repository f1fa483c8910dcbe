using System.Text.RegularExpressions;
using Corral.Processes;

namespace Corral.Readiness;

/// <summary>Ready once any line the process wrote (also before the probe existed) matches the pattern.</summary>
public sealed class LogProbe : IReadinessProbe
{
    private readonly IDisposable subscription;
    private readonly Regex pattern;
    private volatile bool matched;

    public LogProbe(OutputBuffer output, string regex)
    {
        pattern = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        subscription = output.Subscribe(Hear);
    }

    public Task<ProbeResult> ProbeAsync(CancellationToken cancel) =>
        Task.FromResult(matched ? ProbeResult.Success : ProbeResult.Failure($"no output line matched /{pattern}/ yet"));

    public void Dispose() => subscription.Dispose();

    // Set, never cleared: stdout's and stderr's tailers call this at once from two threads, and a read-modify-write
    // (matched |= ...) let a stdout line write 'false' back over the stderr line's 'true'.
    private void Hear(OutputLine line)
    {
        if (pattern.IsMatch(line.Text))
        {
            matched = true;
        }
    }
}
