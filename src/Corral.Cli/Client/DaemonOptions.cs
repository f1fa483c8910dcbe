using System.CommandLine;

namespace Corral.Cli.Client;

/// <summary>--url and --token, shared by every verb that talks to the daemon (also CORRAL_URL, CORRAL_TOKEN).</summary>
internal sealed class DaemonOptions
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = "the daemon's address (default: CORRAL_URL or http://127.0.0.1:9501)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CORRAL_URL") ?? "http://127.0.0.1:9501",
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "the daemon's bearer token (default: CORRAL_TOKEN)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CORRAL_TOKEN") ?? "",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "print the daemon's JSON on stdout" };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(Json);
    }

    public DaemonClient Connect(ParseResult parse, TimeSpan? timeout = null) =>
        new(parse.GetValue(Url)!, parse.GetValue(Token), timeout);

    /// <summary>The running <c>corral up</c> of <paramref name="fleet"/> when one is named, else the daemon.</summary>
    public DaemonClient Connect(ParseResult parse, string? fleet, TimeSpan? timeout = null) =>
        fleet is null ? Connect(parse, timeout) : FleetTarget.Connect(fleet, timeout);
}
