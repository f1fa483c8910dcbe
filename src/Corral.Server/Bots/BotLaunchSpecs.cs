using Corral.Config;
using Corral.Execution;

namespace Corral.Server.Bots;

/// <summary>
/// Turns a registered type and a bot into a unit request, through the same templating as fleet processes (the type's
/// process named after the bot). The bot's config reaches it only as JSON in <c>CORRAL_CONFIG</c> and as a file named
/// by <c>CORRAL_CONFIG_FILE</c>: never interpolated into a command.
/// </summary>
public sealed class BotLaunchSpecs(ServerConfig config)
{
    /// <summary>Where a bot's config file appears inside its container.</summary>
    public const string ConfigMount = "/run/corral/config.json";

    /// <summary>
    /// Larger configs reach the bot only through the file: one environment string is limited by the kernel
    /// (128 KiB on Linux), and exec would fail with "Argument list too long".
    /// </summary>
    public const int MaxConfigInEnvironment = 64 * 1024;

    public string ConfigFile(string name) => Path.Combine(config.StateDirectory, "configs", name + ".json");

    public string LogDirectory => Path.Combine(config.StateDirectory, "logs");

    public string LogFile(string name) => Path.Combine(LogDirectory, name + ".log");

    public UnitRequest Request(Bot bot, BotTypeSpec type)
    {
        var process = Process(bot, type);
        int? port = bot.Ports.Count > 0 ? bot.Ports[0] : null;
        var launch = UnitTemplating.ToLaunchSpec(process, 0, port, null, config.BaseDirectory, logDirectory: null);
        var environment = new Dictionary<string, string>(launch.Environment, StringComparer.Ordinal)
        {
            ["CORRAL_CONFIG_FILE"] = ConfigFile(bot.Name),
            ["CORRAL_BOT_TYPE"] = bot.Type,
        };
        if (bot.ConfigJson.Length <= MaxConfigInEnvironment)
        {
            environment["CORRAL_CONFIG"] = bot.ConfigJson;
        }
        return new UnitRequest(process, launch with
        {
            Environment = environment,
            LogFile = bot.LogFile,
            ErrorLogFile = type.Logs.SeparateStderr ? bot.ErrorLogFile : null,
            DetachedOutput = true,
            ShowReplica = false,
        })
        {
            UnitName = bot.Name,
            Kind = bot.Type,
            Files = [new FileMount(ConfigFile(bot.Name), ConfigMount)],
            Readiness = type.Process.Readiness is { } probe ? UnitTemplating.ExpandProbe(probe, process, 0, port) : null,
            Liveness = type.Process.Liveness is { } liveness ? UnitTemplating.ExpandLiveness(liveness, process, 0, port) : null,
            Restart = type.Restart,
        };
    }

    public void DeleteConfig(string name) => File.Delete(ConfigFile(name));

    public void WriteConfig(Bot bot)
    {
        var path = ConfigFile(bot.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, bot.ConfigJson);
    }

    // The type's process, named after the bot: {name} is the bot's name, and so are CORRAL_NAME and the labels.
    private static Fleet.ProcessSpec Process(Bot bot, BotTypeSpec type) =>
        type.Process with { Name = bot.Name };
}
