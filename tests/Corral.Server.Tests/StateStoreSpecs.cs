using Corral.Server.State;
using Corral.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Corral.Server.Tests;

/// <summary>
/// The state file under concurrent writers, on a real SQLite file: writes that share a commit are all there after a
/// reopen, and one write that fails fails only its own caller.
/// </summary>
public sealed class StateStoreSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Concurrent_writes_are_all_durable_and_a_failing_one_fails_only_its_caller()
    {
        using var folder = new TempFolder("corral-state-");
        var path = folder.File("state.db");
        var failures = new List<string>();
        using (var store = new StateStore(path))
        {
            // All 64 must be waiting to write at the same moment.
            using var writers = new StartingLine(64, i =>
            {
                try
                {
                    // Every eighth record has no type (NOT NULL): its write fails inside whatever transaction it shares.
                    store.Save(Record($"bot{i}", type: i % 8 == 7 ? null! : "t"));
                    store.SetDesired($"bot{i}", "stopped", "stopping");
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException)
                {
                    lock (failures)
                    {
                        failures.Add($"bot{i}");
                    }
                }
            });
            // Another connection holds the write lock for a moment: the first writer waits in its commit while the
            // others queue behind it, so the next commit carries most of them, the failing ones among them.
            using (var blocker = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                blocker.Open();
                using var hold = blocker.CreateCommand();
                hold.CommandText = "BEGIN IMMEDIATE";
                hold.ExecuteNonQuery();
                writers.Release();
                await Task.Delay(500);
                hold.CommandText = "ROLLBACK";
                hold.ExecuteNonQuery();
            }

            writers.Join();
        }

        using var reopened = new StateStore(path);
        var saved = reopened.Load();
        Assert.Equal(Enumerable.Range(0, 64).Where(i => i % 8 == 7).Select(i => $"bot{i}").Order(), failures.Order());
        Assert.Equal(56, saved.Count);
        Assert.All(saved, r => Assert.Equal(("stopped", "stopping"), (r.Desired, r.Status)));
        Assert.DoesNotContain(saved, r => failures.Contains(r.Name));
    }

    private static BotRecord Record(string name, string type) =>
        new(name, type, "{}", "running", "running", 1234, 1, "unit", "/sys/fs/cgroup/x", [], DateTimeOffset.UnixEpoch, 0, null, $"/tmp/{name}.log");
}
