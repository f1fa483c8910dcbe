using System.Globalization;
using Corral.Config;
using Corral.Fleet;
using Corral.Processes;
using Corral.Readiness;

namespace Corral.Server.Bots;

/// <summary>
/// Turns a registered type and a bot into what is launched. The bot's config reaches it only as JSON in
/// <c>CORRAL_CONFIG</c> and as a file named by <c>CORRAL_CONFIG_FILE</c>: never interpolated into a command.
/// </summary>
public sealed class BotLaunchSpecs(ServerConfig config)
{
    public string ConfigFile(string name) => Path.Combine(config.StateDirectory, "configs", name + ".json");

    public string LogFile(string name) => Path.Combine(config.StateDirectory, "logs", name + ".log");

    public LaunchSpec Build(Bot bot, BotTypeSpec type)
    {
        var values = Values(bot);
        var process = type.Process;
        var environment = process.Environment.ToDictionary(
            e => e.Key,
            e => Template.Expand(e.Value, values, $"types.{bot.Type}.env.{e.Key}"),
            StringComparer.Ordinal);
        environment["CORRAL_CONFIG"] = bot.ConfigJson;
        environment["CORRAL_CONFIG_FILE"] = ConfigFile(bot.Name);
        environment["CORRAL_BOT_TYPE"] = bot.Type;
        if (bot.Ports.Count > 0)
        {
            environment[CorralEnvironment.Port] = bot.Ports[0].ToString(CultureInfo.InvariantCulture);
        }

        return new LaunchSpec(bot.Name, process.Command.Select(a => Template.Expand(a, values, $"types.{bot.Type}.command")).ToList())
        {
            WorkingDirectory = process.WorkingDirectory is null
                ? config.BaseDirectory
                : Path.GetFullPath(Template.Expand(process.WorkingDirectory, values, $"types.{bot.Type}.cwd"), config.BaseDirectory),
            Environment = environment,
            StopSignal = process.StopSignal,
            StopGrace = process.StopGrace,
            LogFile = bot.LogFile,
            DetachedOutput = true,
        };
    }

    public ProbeSpec? Probe(Bot bot, BotTypeSpec type) => type.Process.Readiness is { } probe
        ? probe with { Target = Template.Expand(probe.Target, Values(bot), $"types.{bot.Type}.readiness") }
        : null;

    public void WriteConfig(Bot bot)
    {
        var path = ConfigFile(bot.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, bot.ConfigJson);
    }

    private static Dictionary<string, string> Values(Bot bot)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = bot.Name,
            ["replica"] = "0",
        };
        if (bot.Ports.Count > 0)
        {
            values["port"] = bot.Ports[0].ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }
}
