using Microsoft.Extensions.Hosting;

namespace Corral.Server.Hosting;

/// <summary>
/// The lifetime of a web host that lives inside another command (a <c>corral up --listen</c> view): it ignores Ctrl+C and
/// SIGTERM, which belong to the command, and stops only when the command stops it, after its own teardown, so the
/// teardown's events still reach whoever watches.
/// </summary>
internal sealed class OwnerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
