using Corral.Config;
using Corral.Containment;

namespace Corral.Server.Hosting;

public sealed record ServerOptions(ServerConfig Config)
{
    public const string DefaultListen = "127.0.0.1:9501";

    public string Listen { get; init; } = Config.Listen ?? DefaultListen;

    /// <summary>Required for any address but loopback; clients send <c>Authorization: Bearer TOKEN</c>.</summary>
    public string? Token { get; init; }

    /// <summary>Leave bots running when the daemon stops, for the next daemon to adopt.</summary>
    public bool KeepBots { get; init; }

    /// <summary>Shows everything, changes nothing: every state-changing request is refused (403), the dashboard hides its actions.</summary>
    public bool ReadOnly { get; init; }

    public ContainmentPreference Containment { get; init; } = ContainmentPreference.Auto;
}
