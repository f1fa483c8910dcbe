using System.CommandLine;
using Corral.Config;
using Corral.Server.Hosting;

namespace Corral.Cli.Commands;

/// <summary><c>corral serve</c>: the manager daemon with its HTTP API (127.0.0.1:9501 unless told otherwise).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config")
        {
            Description = "the daemon's configuration (default: CORRAL_CONFIG, else corral.yaml)",
            DefaultValueFactory = _ => DaemonEnvironment.ConfigPath() ?? "corral.yaml",
        };
        var listen = new Option<string>("--listen")
        {
            Description = $"host:port to listen on (default: CORRAL_LISTEN, else listen in the config, else {ServerOptions.DefaultListen})",
        };
        var state = new Option<string>("--state") { Description = "the SQLite state file (default: CORRAL_STATE, else state in the config, else .corral/state.db)" };
        var token = new Option<string>("--token") { Description = "bearer token clients must send (default: CORRAL_TOKEN); required off loopback" };
        var keepBots = new Option<bool>("--keep-bots") { Description = "leave bots running when the daemon stops, for the next daemon to adopt (also CORRAL_KEEP_BOTS=1)" };
        var readOnly = new Option<bool>("--read-only")
        {
            Description = "show bots, change nothing: the API refuses every change (403), the dashboard hides its actions (also CORRAL_READ_ONLY=1)",
        };
        var containment = ContainmentOption.Create();
        var command = new Command("serve", "Run the manager daemon: launch, list and stop bots over HTTP; state in SQLite.")
        {
            config, listen, state, token, keepBots, readOnly, containment,
        };
        command.SetAction(async (parse, _) =>
        {
            var file = ServerConfigFile.Load(parse.GetValue(config)!);
            if ((parse.GetValue(state) ?? DaemonEnvironment.Text(DaemonEnvironment.State)) is { } statePath)
            {
                file = file with { StatePath = Path.GetFullPath(statePath) };
            }

            var keep = parse.GetValue(keepBots) || DaemonEnvironment.Flag(DaemonEnvironment.KeepBots);
            if (keep && OperatingSystem.IsWindows() && file.Strategy == "local")
            {
                // Refused rather than ignored: the user would believe the bots survive a restart.
                throw new Exceptions.CorralException(
                    "--keep-bots cannot work on Windows with strategy local: every bot runs in a Job Object that ends with the daemon "
                    + "(KILL_ON_JOB_CLOSE, so that nothing outlives it).");
            }

            var strategy = await Strategies.CreateAsync(file).ConfigureAwait(false);

            var options = new ServerOptions(file)
            {
                Token = parse.GetValue(token) is { Length: > 0 } given ? given : DaemonEnvironment.Text(DaemonEnvironment.Token),
                KeepBots = keep,
                ReadOnly = parse.GetValue(readOnly) || DaemonEnvironment.Flag(DaemonEnvironment.ReadOnly),
                Containment = ContainmentOption.Parse(parse.GetValue(containment)),
            };
            if ((parse.GetValue(listen) ?? DaemonEnvironment.Text(DaemonEnvironment.Listen)) is { Length: > 0 } address)
            {
                options = options with { Listen = address };
            }

            await using var app = CorralServer.Build(options, strategy);
            Console.Error.WriteLine(
                $"corral: serving {file.Types.Count} bot type(s) on http://{options.Listen} (dashboard at /){(options.ReadOnly ? ", read-only" : "")}; state in {file.StatePath}");
            await app.RunAsync().ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
