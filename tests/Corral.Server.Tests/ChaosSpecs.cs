using System.Net;
using Corral.Processes;
using Corral.Server.Hosting;
using Corral.Server.Tests.Support;
using Corral.Signals;
using Xunit.Abstractions;

namespace Corral.Server.Tests;

/// <summary>
/// Clients launch, stop and restart bots while the daemon is SIGKILLed at random instants (and, every fourth time,
/// exactly between a start's exec and its record). After each restart: every live process belongs to a listed bot,
/// no acknowledged launch or restart is lost, and no acknowledged stop is undone.
/// </summary>
public sealed class ChaosSpecs(ITestOutputHelper output)
{
    private const int Iterations = 20;

    private static readonly string[][] NamesPerClient = [["c0", "c1", "c2"], ["c3", "c4", "c5"]];

    [Fact(Timeout = 600_000)]
    public async Task A_daemon_killed_at_any_instant_leaves_nothing_untracked_lost_or_resurrected()
    {
        await using var daemon = await Daemon.StartAsync("""
            types:
              tree:
                command: [DUMMY, spawn-tree, "3"]
                readiness: { log: "tree of 3 spawned" }
                restart: { policy: always, backoff: 100ms }
              stubborn:
                command: [DUMMY, ignore-sigterm]
                stop: { grace: 1s }
            """);
        var seed = Environment.GetEnvironmentVariable("CORRAL_CHAOS_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"seed {seed} (CORRAL_CHAOS_SEED={seed} replays the choices)");
        var random = new Random(seed);
        var last = new Dictionary<string, Op>(StringComparer.Ordinal);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var aimed = iteration % 4 == 3;
            using var stopClients = new CancellationTokenSource();
            var clients = NamesPerClient.Select((names, i) => ClientAsync(daemon, names, new Random(seed + (iteration * 10) + i), last, stopClients.Token)).ToList();
            if (aimed)
            {
                await daemon.UntilAsync(() => Task.FromResult(daemon.Output.Contains("fault point", StringComparison.Ordinal)), "a start paused after its exec");
            }
            else
            {
                await Task.Delay(random.Next(20, 600));
            }

            daemon.Signal(Signal.Kill);
            await daemon.WaitForExitAsync();
            await stopClients.CancelAsync();
            await Task.WhenAll(clients);

            var armNext = iteration % 4 == 2;
            daemon.Environment.Clear();
            if (armNext)
            {
                daemon.Environment[FaultPoints.Variable] = FaultPoints.AfterExec + ":30000";
            }

            await daemon.StartAgainAsync();
            List<string> violations = [];
            try
            {
                await daemon.UntilAsync(async () => (violations = await ViolationsAsync(daemon, last)).Count == 0, "the restarted daemon has settled every record");
            }
            catch (TimeoutException)
            {
                Assert.Fail($"seed {seed}, iteration {iteration}{(aimed ? " (killed after an exec)" : "")}:\n{string.Join('\n', violations)}\n{daemon.Output}");
            }

            output.WriteLine($"iteration {iteration}{(aimed ? " (aimed)" : "")}: {(await daemon.ListAsync()).Total} bot(s), {daemon.Launched().Count} process(es) after the restart");
        }

        using var stopAll = await daemon.Http.PostAsync("v1/launcher/stop", new StringContent("{\"all\": true}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, stopAll.StatusCode);
        Assert.Empty(daemon.Launched());
    }

    private static async Task<List<string>> ViolationsAsync(Daemon daemon, Dictionary<string, Op> last)
    {
        var bots = (await daemon.ListAsync()).Bots.ToDictionary(b => b.BotName, StringComparer.Ordinal);
        var violations = new List<string>();
        lock (last)
        {
            foreach (var (name, op) in last)
            {
                if (op is { Kind: "stop", Status: 200 } && bots.ContainsKey(name))
                {
                    violations.Add($"{name}: its stop was acknowledged, yet it is listed as {bots[name].Status}");
                }

                if (op is { Kind: "launch", Status: 201 } or { Kind: "restart", Status: 200 } && !bots.ContainsKey(name))
                {
                    violations.Add($"{name}: its {op.Kind} was acknowledged, yet it is not listed");
                }
            }
        }

        if (bots.Values.Any(b => b.Status is "stopping"))
        {
            violations.Add("a stop is still being finished");
        }

        foreach (var process in daemon.Launched())
        {
            var tags = ProcessTable.ReadCorralEnvironment(process.Pid);
            var name = tags.GetValueOrDefault(CorralEnvironment.Name) ?? "?";
            var unit = tags.GetValueOrDefault(CorralEnvironment.Unit) ?? "?";
            if (!bots.TryGetValue(name, out var bot))
            {
                violations.Add($"pid {process.Pid} ({name}, unit {unit}) runs, but no bot {name} is listed");
            }
            else if (bot.Unit is { } location && location.StartsWith('/') && Path.GetFileName(location) != unit)
            {
                violations.Add($"pid {process.Pid} ({name}) runs in unit {unit}, but the bot's unit is {Path.GetFileName(location)}");
            }
        }

        return violations;
    }

    // Each client owns its names, so the last request sent on a name is well defined.
    private static async Task ClientAsync(Daemon daemon, string[] names, Random random, Dictionary<string, Op> last, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var name = names[random.Next(names.Length)];
            var roll = random.Next(10);
            var op = new Op(roll < 5 ? "launch" : roll < 8 ? "stop" : "restart");
            lock (last)
            {
                last[name] = op;
            }

            try
            {
                using var response = op.Kind switch
                {
                    "launch" => await daemon.LaunchAsync(name, random.Next(2) == 0 ? "tree" : "stubborn", waitReady: random.Next(3) == 0),
                    "stop" => await daemon.Http.PostAsync($"v1/launcher/stop/{name}", null, CancellationToken.None),
                    _ => await daemon.Http.PostAsync($"v1/launcher/restart/{name}", null, CancellationToken.None),
                };
                op.Status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                // The daemon died under the request: unanswered, it may go either way.
                return;
            }
            catch (OperationCanceledException)
            {
                // A request waiting for a connection while the daemon dies can come back as a bare
                // OperationCanceledException (seen under NativeAOT in CI), not only TaskCanceledException.
                return;
            }

            try
            {
                await Task.Delay(random.Next(0, 40), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed class Op(string kind)
    {
        public string Kind { get; } = kind;

        /// <summary>The answer's status; 0 while unanswered (or never answered).</summary>
        public int Status { get; set; }
    }
}
