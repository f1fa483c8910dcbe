using Corral.Containment;
using Corral.Server.Bots;
using Corral.Supervision;
using Microsoft.Extensions.Hosting;

namespace Corral.Server.Hosting;

/// <summary>
/// Runs the supervisor with the host: adopts earlier bots on start, rotates logs and reaps inherited orphans while
/// running, and on stop either stops every bot or (with --keep-bots) leaves them for the next daemon.
/// </summary>
internal sealed class SupervisorService(BotSupervisor supervisor, ServerOptions options) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource stopping = new();
    private Task maintenance = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await supervisor.AdoptAsync(cancellationToken).ConfigureAwait(false);
        maintenance = Task.Run(MaintainAsync, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await maintenance.ConfigureAwait(false);
        await supervisor.ShutdownAsync(options.KeepBots, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task MaintainAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            foreach (var bot in supervisor.Bots)
            {
                var logs = options.Config.Types.GetValueOrDefault(bot.Type)?.Logs ?? LogRotationSpec.Default;
                try
                {
                    LogRotator.RotateIfNeeded(bot.LogFile, logs);
                }
                catch (IOException)
                {
                    // Rotated next round.
                }
            }

            OrphanReaper.ReapStrays();
            try
            {
                await Task.Delay(MaintenanceInterval, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
