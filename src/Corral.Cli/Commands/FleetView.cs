using System.Security.Cryptography;
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
/// The daemon's read side for the fleet a <c>corral up</c> runs: always on a private loopback address with a token of
/// its own (recorded in the run file, so <c>corral ps|logs|restart|events FLEET</c> from another shell reach it), and,
/// with <c>--listen</c>, read-only on the address given (the dashboard, to watch a 100-client run). Started before
/// the first process, stopped after the last.
/// </summary>
internal sealed class FleetView : IAsyncDisposable
{
    private readonly FleetFile file;
    private readonly FleetCatalog catalog;
    private readonly EventHub events = new();
    private readonly CorralMetrics metrics;
    private readonly List<WebApplication> apps = [];

    private FleetView(FleetFile file, string containment)
    {
        this.file = file;
        catalog = new FleetCatalog(containment);
        metrics = new CorralMetrics(file.Fleet.Strategy ?? "local");
    }

    /// <summary>The private address (<c>http://127.0.0.1:PORT</c>) and its token.</summary>
    public string ControlUrl { get; private set; } = "";

    public string ControlToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static async Task<FleetView> StartAsync(string? publicListen, FleetFile file, Containment.ContainmentPreference containment, Watching.ChangeWatcher watcher)
    {
        var view = new FleetView(file, Containment.ContainmentProvider.Detect(containment).Kind.ToString().ToLowerInvariant());
        var control = view.Build("127.0.0.1:0", view.ControlToken, control: true, watcher);
        await control.StartAsync().ConfigureAwait(false);
        view.ControlUrl = control.Urls.First();
        if (publicListen is not null)
        {
            await view.Build(publicListen, token: null, control: false, watcher).StartAsync().ConfigureAwait(false);
        }

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
        foreach (var app in apps)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private WebApplication Build(string listen, string? token, bool control, Watching.ChangeWatcher watcher)
    {
        var strategy = file.Fleet.Strategy ?? "local";
        var types = new BotTypeListDto(file.Fleet.Processes.Select(p => TypesApi.Describe(p.Name, p)).ToList());
        var app = CorralServer.BuildView(listen, catalog, events, metrics, watcher, new ViewSettings(strategy, ReadOnly: !control, token), types, control);
        apps.Add(app);
        return app;
    }
}
