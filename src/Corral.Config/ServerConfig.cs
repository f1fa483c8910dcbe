namespace Corral.Config;

/// <summary>corral.yaml: the execution strategy, where state lives, and the bot types that may be launched.</summary>
public sealed record ServerConfig(
    string Path,
    string Strategy,
    string StatePath,
    string? Listen,
    IReadOnlyDictionary<string, BotTypeSpec> Types,
    SweepConfig Sweep)
{
    /// <summary>The top-level <c>logs:</c> block: the types' default rotation, and how long removed bots' logs stay.</summary>
    public Supervision.LogRotationSpec Logs { get; init; } = Supervision.LogRotationSpec.Default;

    /// <summary>The folder relative paths resolve against (the config file's folder).</summary>
    public string BaseDirectory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The folder that holds the state database, bot logs and config files.</summary>
    public string StateDirectory => System.IO.Path.GetDirectoryName(StatePath)!;
}
