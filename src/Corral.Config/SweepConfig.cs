namespace Corral.Config;

/// <summary>The <c>sweep:</c> section: named kinds of processes by command-line regex (<c>unreal: "UnrealEditor"</c>).</summary>
public sealed record SweepConfig(IReadOnlyDictionary<string, string> Kinds)
{
    public static SweepConfig Empty { get; } = new(new Dictionary<string, string>());
}
