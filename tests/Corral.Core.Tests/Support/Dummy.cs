using Corral.Processes;

namespace Corral.Tests.Support;

/// <summary>The test dummy program, built next to the tests.</summary>
internal static class Dummy
{
    public static string Path { get; } = Find();

    public static IReadOnlyList<string> Command(params string[] args) => [Path, .. args];

    public static LaunchSpec Spec(string name, params string[] args) => new(name, Command(args))
    {
        StopGrace = TimeSpan.FromSeconds(5),
    };

    private static string Find()
    {
        var candidate = System.IO.Path.Combine(AppContext.BaseDirectory, "Corral.TestDummy");
        if (File.Exists(candidate))
        {
            return candidate;
        }

        throw new FileNotFoundException($"The test dummy was not built next to the tests: {candidate}");
    }
}
