using Corral.Config;
using Corral.Contracts;
using Corral.Fleet;
using Corral.Server.Api;
using Corral.Server.Bots;
using Corral.Server.Events;
using Corral.Server.Hosting;
using Corral.Server.Monitoring;
using Corral.Supervision;
using Microsoft.AspNetCore.Builder;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral up --listen</c>: the daemon's dashboard, listing, logs, events and metrics, read-only, for the fleet this
/// corral runs, so a 100-client test run can be watched. Started before the first process, stopped after the last.
/// </summary>
internal sealed class FleetView : IAsyncDisposable
{
    private readonly FleetFile file;
    private readonly FleetCatalog catalog;
    private readonly EventHub events = new();
    private readonly CorralMetrics metrics;
    private readonly WebApplication app;

    private FleetView(string listen, FleetFile file, string containment, Watching.ChangeWatcher watcher)
    {
        this.file = file;
        var strategy = file.Fleet.Strategy ?? "local";
        catalog = new FleetCatalog(containment);
        metrics = new CorralMetrics(strategy);
        var types = new BotTypeListDto(file.Fleet.Processes.Select(p => TypesApi.Describe(p.Name, p)).ToList());
        app = CorralServer.BuildView(listen, catalog, events, metrics, watcher, new ViewSettings(strategy, ReadOnly: true, Token: null), types);
    }

    public static async Task<FleetView?> StartAsync(string? listen, FleetFile file, Containment.ContainmentPreference containment, Watching.ChangeWatcher watcher)
    {
        if (listen is null)
        {
            return null;
        }

        var kind = Containment.ContainmentProvider.Detect(containment).Kind.ToString().ToLowerInvariant();
        var view = new FleetView(listen, file, kind, watcher);
        await view.app.StartAsync().ConfigureAwait(false);
        return view;
    }

    public void OnMember(FleetMember member) => catalog.Add(member);

    public void OnEvent(UnitEvent e)
    {
        catalog.Record(e);
        var type = catalog.Bots.FirstOrDefault(b => b.Name == e.Unit)?.Type;
        metrics.Observe(e, file.Fleet.Processes.FirstOrDefault(p => p.Name == type)?.Readiness);
        events.Publish(BotEvents.From(e, e.Unit));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
