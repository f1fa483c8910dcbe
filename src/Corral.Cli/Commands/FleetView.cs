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
    private readonly Dictionary<string, Readiness.ProbeSpec?> readiness;

    private FleetView(FleetFile file, string containment)
    {
        this.file = file;
        readiness = file.Fleet.Processes.ToDictionary(p => p.Name, p => p.Readiness, StringComparer.Ordinal);
        catalog = new FleetCatalog(containment);
        metrics = new CorralMetrics(file.Fleet.Strategy ?? "local");
    }

    /// <summary>The private address (<c>http://127.0.0.1:PORT</c>), known once <see cref="Serving"/> completes.</summary>
    public string ControlUrl { get; private set; } = "";

    public string ControlToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Completes when the private address (and the public one) serve.</summary>
    public Task Serving { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Starts serving. With <paramref name="publicListen"/> this returns once both addresses serve (the dashboard must show
    /// the first start); without, the private one starts beside the fleet's start-up instead of before it (~30 ms).
    /// </summary>
    public static async Task<FleetView> StartAsync(string? publicListen, FleetFile file, Containment.ContainmentPreference containment, Watching.ChangeWatcher watcher)
    {
        var view = new FleetView(file, Containment.ContainmentProvider.Detect(containment).Kind.ToString().ToLowerInvariant());
        view.Serving = view.ServeAsync(publicListen, watcher);
        if (publicListen is not null)
        {
            await view.Serving.ConfigureAwait(false);
        }

        return view;
    }

    private async Task ServeAsync(string? publicListen, Watching.ChangeWatcher watcher)
    {
        await Task.Yield();
        var control = Build("127.0.0.1:0", ControlToken, control: true, watcher);
        await control.StartAsync().ConfigureAwait(false);
        ControlUrl = control.Urls.First();
        if (publicListen is not null)
        {
            await Build(publicListen, token: null, control: false, watcher).StartAsync().ConfigureAwait(false);
        }
    }

    public void OnMember(FleetMember member) => catalog.Add(member);

    public void OnEvent(UnitEvent e)
    {
        catalog.Record(e);
        metrics.Observe(e, catalog.TypeOf(e.Unit) is { } type ? readiness.GetValueOrDefault(type) : null);
        events.Publish(BotEvents.From(e, e.Unit));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Serving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // It never served; there is nothing to stop but what was built.
        }

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
