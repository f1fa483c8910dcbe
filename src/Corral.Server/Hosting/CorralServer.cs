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
        var listen = ListenAddress.Parse(options.Listen);
        if (!listen.IsLoopback && string.IsNullOrEmpty(options.Token))
        {
            throw new CorralException(
                $"Refusing to listen on {options.Listen} without a token: anyone who can reach it could launch bots. "
                + "Pass --token or set CORRAL_TOKEN, or listen on 127.0.0.1.");
        }

        // No watch of the content root for appsettings changes: it is recursive, and bots write logs below it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls(listen.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBody.WireLimit);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        var longestGrace = options.Config.Types.Values.Select(t => t.Process.StopGrace).DefaultIfEmpty(TimeSpan.Zero).Max();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = longestGrace + TimeSpan.FromSeconds(30));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Config);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new StateStore(options.Config.StatePath));
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddSingleton(new Monitoring.CorralMetrics(options.Config.Strategy));
        builder.Services.AddSingleton<BotLaunchSpecs>();
        builder.Services.AddSingleton(_ => Watching.ChangeWatcher.Create());
        builder.Services.AddSingleton(services => new Processes.ProcessLauncher(
            ContainmentProvider.Detect(options.Containment), services.GetRequiredService<Watching.ChangeWatcher>()));
        builder.Services.AddSingleton(strategy ?? (services => new LocalStrategy(services.GetRequiredService<Processes.ProcessLauncher>())));
        builder.Services.AddSingleton<BotSupervisor>();
        builder.Services.AddSingleton<IdleTrim>();
        builder.Services.AddHostedService<SupervisorService>();

        var app = builder.Build();
        var trim = app.Services.GetRequiredService<IdleTrim>();
        app.Services.GetRequiredService<EventHub>().Published += trim.Touch;
        app.Lifetime.ApplicationStarted.Register(trim.Touch);
        app.UseIdleTrim(trim);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!string.IsNullOrEmpty(options.Token))
        {
            app.UseBearerToken(options.Token);
        }

        app.UseRequestGuards(options.ReadOnly);

        app.MapOpenApi();
        app.MapLauncherApi();
        app.MapBotsApi();
        app.MapEventsApi(options.Config.Strategy);
        app.MapMetricsApi();
        app.MapTypesApi();
        app.MapLogsApi();
        app.MapSessionApi();
        app.MapDashboard();
        app.MapFallback(Fallback.Answer).ExcludeFromDescription();
        return app;
    }
}
