namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral serve</c>'s flags as environment variables (a container or a unit file sets them): a flag given on the
/// command line wins, then the variable, then corral.yaml, then the default.
/// </summary>
internal static class DaemonEnvironment
{
    public const string Config = "CORRAL_CONFIG";
    public const string Listen = "CORRAL_LISTEN";
    public const string State = "CORRAL_STATE";
    public const string Token = "CORRAL_TOKEN";
    public const string KeepBots = "CORRAL_KEEP_BOTS";
    public const string ReadOnly = "CORRAL_READ_ONLY";

    public static string? Text(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>The daemon's config file from CORRAL_CONFIG, unless that holds a bot's config JSON (what corral gives its bots).</summary>
    public static string? ConfigPath() => Text(Config) is { } value && !value.TrimStart().StartsWith('{') ? value : null;

    /// <summary>1, true or yes (any case) switch a flag on; anything else leaves it off.</summary>
    public static bool Flag(string name) => Text(name)?.ToLowerInvariant() is "1" or "true" or "yes";
}
