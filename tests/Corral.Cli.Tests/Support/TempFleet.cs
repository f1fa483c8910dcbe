namespace Corral.Cli.Tests.Support;

/// <summary>A fleet file in a fresh temporary folder; <c>DUMMY</c> in the YAML is replaced by the dummy program's path.</summary>
internal sealed class TempFleet : IDisposable
{
    /// <summary>Two replicas of a process with one child each, ready once they say so: the fleet most verb specs drive.</summary>
    public const string TwoTrees = """
        processes:
          tree:
            command: [DUMMY, spawn-tree, "1"]
            replicas: 2
            readiness: { log: "tree of" }
        """;

    public TempFleet(string yaml)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("corral-test-").FullName;
        Path = System.IO.Path.Combine(Directory, "fleet.yaml");
        File.WriteAllText(Path, yaml.Replace("DUMMY", CorralRun.Dummy, StringComparison.Ordinal));
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being closed: the temp folder is cleaned by the OS.
        }
    }
}
