using Corral.Processes;

namespace Corral.Readiness;

/// <summary>Runs a command inside its own unit each attempt; ready when it exits 0. A hung check is killed whole.</summary>
public sealed class ExecProbe(ProcessLauncher launcher, string name, string command, string? workingDirectory) : IReadinessProbe
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancel)
    {
        var spec = new LaunchSpec(name + ".probe", ["/bin/sh", "-c", command])
        {
            WorkingDirectory = workingDirectory,
            StopGrace = TimeSpan.Zero,
        };
        await using var check = launcher.Start(spec);
        try
        {
            var code = await check.Exited.WaitAsync(cancel).ConfigureAwait(false);
            if (code == 0)
            {
                return ProbeResult.Success;
            }

            var said = check.Output.Tail(1).FirstOrDefault()?.Text;
            return ProbeResult.Failure($"'{command}' exited with {code}{(said is null ? "" : ": " + said)}");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return ProbeResult.Failure($"'{command}' did not finish in time");
        }
    }

    public void Dispose()
    {
    }
}
