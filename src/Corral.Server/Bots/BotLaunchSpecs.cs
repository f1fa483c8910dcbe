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
        var bytes = System.Text.Encoding.UTF8.GetBytes(bot.ConfigJson);
        try
        {
            WriteNew(path, bytes);
        }
        catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // The folder is made on the first launch (or again, if removed): not looked for on every launch. Both
            // types mean the folder was missing: .NET tells them apart by looking for the folder after the failed
            // open, and a concurrent first launch may have made it by then.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteNew(path, bytes);
        }
    }

    // A new file rather than an emptied one: ext4 writes a file truncated to zero back to disk when it is closed
    // (auto_da_alloc), a synchronous write on every launch. A file an earlier run left (its daemon died before
    // removing it) is replaced.
    private static void WriteNew(string path, byte[] bytes)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(handle, bytes, 0);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    // The type's process, named after the bot: {name} is the bot's name, and so are CORRAL_NAME and the labels.
    private static Fleet.ProcessSpec Process(Bot bot, BotTypeSpec type) =>
        type.Process with { Name = bot.Name };
}
