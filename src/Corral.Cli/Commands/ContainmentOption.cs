using System.CommandLine;
using Corral.Containment;

namespace Corral.Cli.Commands;

internal static class ContainmentOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--containment")
        {
            Description = "auto (cgroup v2 where usable), cgroup (required) or session (the fallback); also CORRAL_CONTAINMENT",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "cgroup", "session");
        return option;
    }

    public static ContainmentPreference Parse(string? value) => value switch
    {
        "cgroup" => ContainmentPreference.Cgroup,
        "session" => ContainmentPreference.Session,
        _ => ContainmentPreference.Auto,
    };
}
