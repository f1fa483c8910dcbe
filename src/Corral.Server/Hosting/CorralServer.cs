using Corral.Containment;
using Corral.Exceptions;
using Corral.Contracts;
using Corral.Execution;
using Corral.Server.Api;
using Corral.Server.Bots;
using Corral.Server.Dashboard;
using Corral.Server.Events;
using Corral.Server.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Hosting;

/// <summary>Builds the daemon: Kestrel on the listen address, the supervisor, the API, problem details, OpenAPI.</summary>
public static class CorralServer
{
    /// <summary>Builds the daemon; <paramref name="strategy"/> picks what runs bots (default: local processes).</summary>
    public static WebApplication Build(
        ServerOptions options, Func<IServiceProvider, IExecutionStrategy>? strategy = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = CreateBuilder(options.Listen, options.Token, logging);
        var longestGrace = options.Config.Types.Values.Select(t => t.Process.StopGrace).DefaultIfEmpty(TimeSpan.Zero).Max();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = longestGrace + TimeSpan.FromSeconds(30));
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Config);
        builder.Services.AddSingleton(new ViewSettings(options.Config.Strategy, options.ReadOnly, options.Token));
        builder.Services.AddSingleton(services => new TypesApi.TypeList(() => TypesApi.List(services.GetRequiredService<BotSupervisor>().Config)));
        builder.Services.AddSingleton(_ => new StateStore(options.Config.StatePath));
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddSingleton(new Monitoring.CorralMetrics(options.Config.Strategy));
        builder.Services.AddSingleton<BotLaunchSpecs>();
        builder.Services.AddSingleton(_ => Watching.ChangeWatcher.Create());
        builder.Services.AddSingleton(services => new Processes.ProcessLauncher(
            ContainmentProvider.Detect(options.Containment), services.GetRequiredService<Watching.ChangeWatcher>()));
        builder.Services.AddSingleton(strategy ?? (services => new LocalStrategy(services.GetRequiredService<Processes.ProcessLauncher>())));
        builder.Services.AddSingleton<BotSupervisor>();
        builder.Services.AddSingleton<IBotCatalog>(services => services.GetRequiredService<BotSupervisor>());
        builder.Services.AddSingleton<IdleTrim>();
        builder.Services.AddHostedService<SupervisorService>();

        var app = builder.Build();
        var trim = app.Services.GetRequiredService<IdleTrim>();
        app.Services.GetRequiredService<EventHub>().Published += trim.Touch;
        app.Lifetime.ApplicationStarted.Register(trim.Touch);
        app.UseIdleTrim(trim);
        UseCommon(app, options.Token, options.ReadOnly);
        app.MapOpenApi();
        app.MapLauncherApi();
        app.MapConfigApi();
        app.MapSessionApi();
        return MapReadSide(app);
    }

    /// <summary>
    /// Builds a view of bots someone else runs (the members of a <c>corral up</c> fleet): the dashboard, the listing,
    /// logs, events and metrics, read-only unless it is the fleet's control address.
    /// </summary>
    /// <param name="control">Also takes restarts of single members (the private, token-protected address of a <c>corral up</c>).</param>
    public static WebApplication BuildView(
        string listen, IBotCatalog catalog, EventHub events, Monitoring.CorralMetrics metrics, Watching.ChangeWatcher watcher, ViewSettings settings, BotTypeListDto types,
        bool control = false)
    {
        var builder = CreateBuilder(listen, settings.Token, logging: null);
        builder.Services.AddSingleton<IHostLifetime, OwnerLifetime>();
        builder.Services.AddSingleton(settings with { ReadOnly = !control });
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(events);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(watcher);
        builder.Services.AddSingleton(new TypesApi.TypeList(() => types));
        var app = builder.Build();
        UseCommon(app, settings.Token, readOnly: !control);
        if (control)
        {
            app.MapFleetControlApi();
        }

        return MapReadSide(app);
    }

    private static WebApplicationBuilder CreateBuilder(string listenAddress, string? token, Action<ILoggingBuilder>? logging)
    {
        var listen = ListenAddress.Parse(listenAddress);
        if (!listen.IsLoopback && string.IsNullOrEmpty(token))
        {
            throw new CorralException(
                $"Refusing to listen on {listenAddress} without a token: anyone who can reach it could launch bots. "
                + "Pass --token or set CORRAL_TOKEN, or listen on 127.0.0.1.");
        }

        // No watch of the content root for appsettings changes: it is recursive, and bots write logs below it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls(listen.Url);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBody.WireLimit);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        builder.Services.AddProblemDetails();
        return builder;
    }

    private static void UseCommon(WebApplication app, string? token, bool readOnly)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!string.IsNullOrEmpty(token))
        {
            app.UseBearerToken(token);
        }

        app.UseRequestGuards(readOnly);
    }

    private static WebApplication MapReadSide(WebApplication app)
    {
        app.MapBotsApi();
        app.MapEventsApi();
        app.MapMetricsApi();
        app.MapTypesApi();
        app.MapLogsApi();
        app.MapDashboard();
        app.MapFallback(Fallback.Answer).ExcludeFromDescription();
        return app;
    }
}
