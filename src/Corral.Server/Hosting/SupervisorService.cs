using Corral.Containment;
using Corral.Server.Bots;
using Microsoft.Extensions.Hosting;

namespace Corral.Server.Hosting;

/// <summary>
/// Runs the supervisor with the host: adopts earlier bots on start, reaps inherited orphans on SIGCHLD while
/// running, and on stop either stops every bot or (with --keep-bots) leaves them for the next daemon.
/// </summary>
internal sealed class SupervisorService(BotSupervisor supervisor, ServerOptions options) : IHostedService, IDisposable
{
    private IDisposable? reaper;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await supervisor.AdoptAsync(cancellationToken).ConfigureAwait(false);
        reaper = OrphanReaper.ReapOnChildSignal();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await supervisor.ShutdownAsync(options.KeepBots, cancellationToken).ConfigureAwait(false);
        reaper?.Dispose();
    }

    public void Dispose() => reaper?.Dispose();
}
