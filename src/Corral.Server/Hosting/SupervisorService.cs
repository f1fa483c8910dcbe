using Corral.Containment;
using Corral.Server.Bots;
using Microsoft.Extensions.Hosting;

namespace Corral.Server.Hosting;

/// <summary>
/// Runs the supervisor with the host: adopts earlier bots on start, reaps inherited orphans on SIGCHLD while
/// running, reloads the configuration on SIGHUP, and on stop either stops every bot or (with --keep-bots) leaves them for the next daemon.
/// </summary>
internal sealed class SupervisorService(BotSupervisor supervisor, ServerOptions options) : IHostedService, IDisposable
{
    // Removed bots' logs are pruned this often: one wakeup an hour costs nothing while idle.
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly CancellationTokenSource stopping = new();
    private IDisposable? reaper;
    private System.Runtime.InteropServices.PosixSignalRegistration? hangUp;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await supervisor.AdoptAsync(cancellationToken).ConfigureAwait(false);
        reaper = OrphanReaper.ReapOnChildSignal();
        _ = PruneLogsAsync(stopping.Token);

        // SIGHUP reloads the configuration, as for nginx and sshd (on Windows the "signal" is a closed console: not that).
        // Like them, whatever was inherited: `nohup corral serve &` ignores SIGHUP, and the runtime does not handle a
        // signal that was ignored, so the reload would never come.
        if (!OperatingSystem.IsWindows())
        {
            Signals.SignalDisposition.RestoreDefault(Signals.Signal.Hup);
            hangUp = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _ = supervisor.ReloadFromSignalAsync();
            });
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        hangUp?.Dispose();
        await supervisor.ShutdownAsync(options.KeepBots, cancellationToken).ConfigureAwait(false);
        reaper?.Dispose();
    }

    public void Dispose()
    {
        hangUp?.Dispose();
        reaper?.Dispose();
        stopping.Dispose();
    }

    private async Task PruneLogsAsync(CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(PruneEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false))
            {
                try
                {
                    supervisor.PruneLogs();
                }
                catch (IOException)
                {
                    // The logs folder is being changed under us; the next hour tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The daemon is stopping.
        }
    }
}
