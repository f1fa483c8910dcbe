using Corral.Config;
using Corral.Server.Bots;
using Corral.Server.Tests.Support;

namespace Corral.Server.Tests;

/// <summary>
/// Bots' config files on a real filesystem: the first launches of a daemon, all at once, find no configs folder; each
/// must make it or use the one another just made, never fail its launch.
/// </summary>
public sealed class ConfigFileSpecs
{
    // Synchronous, so no xUnit timeout: the starting line's join is bounded.
    [Fact]
    public void Concurrent_first_writes_into_a_missing_folder_all_land()
    {
        using var folder = new TempFolder("corral-configs-");
        for (var round = 0; round < 50; round++)
        {
            var state = Path.Combine(folder.Path, $"round{round}", "state.db");
            var specs = new BotLaunchSpecs(new ServerConfig(Path.Combine(folder.Path, "corral.yaml"), "local", state, null, new Dictionary<string, BotTypeSpec>(), SweepConfig.Empty));
            var failures = new List<string>();
            // All of them must reach the missing folder at the same moment.
            using var writers = new StartingLine(16, i =>
            {
                try
                {
                    specs.WriteConfig(new Bot($"bot{i}", "t", $"{{\"n\":{i}}}", specs.LogFile($"bot{i}")));
                }
                catch (IOException e)
                {
                    lock (failures)
                    {
                        failures.Add($"bot{i}: {e.GetType().Name}: {e.Message}");
                    }
                }
            });
            writers.Release();
            writers.Join();

            Assert.True(failures.Count == 0, $"round {round}: " + string.Join("; ", failures));
            Assert.All(Enumerable.Range(0, 16), i => Assert.Equal($"{{\"n\":{i}}}", File.ReadAllText(specs.ConfigFile($"bot{i}"))));
        }
    }
}
