using System.CommandLine;
using System.Text.Json;
using Corral.Cli.Client;
using Corral.Contracts;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral reload [--dry-run] [--prune]</c>: the daemon reads its configuration file again and says what it did (or,
/// with --dry-run, would do): types added, removed, changed, and the bots restarted one at a time or stopped.
/// </summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var daemon = new DaemonOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "only say what the reload would do" };
        var prune = new Option<bool>("--prune") { Description = "stop the bots whose type the new file removes (kept running otherwise)" };
        var command = new Command("reload", "Reload the daemon's configuration without restarting it or its unchanged bots.") { dryRun, prune };
        daemon.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            // A rolling restart waits for each bot's readiness: as long as the types' readiness timeouts allow.
            using var client = daemon.Connect(parse, Timeout.InfiniteTimeSpan);
            var query = $"v1/config/reload?dry_run={(parse.GetValue(dryRun) ? "true" : "false")}&prune={(parse.GetValue(prune) ? "true" : "false")}";
            using var response = await client.PostAsync(query, null, cancel).ConfigureAwait(false);
            var plan = await DaemonClient.ReadAsync(response, ApiJsonContext.Default.ReloadPlanDto).ConfigureAwait(false);
            if (parse.GetValue(daemon.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(plan, ApiJsonContext.Default.ReloadPlanDto));
                return ExitCodes.Success;
            }

            var verb = plan.DryRun ? "would" : "did";
            Console.Out.WriteLine($"{plan.File}{(plan.DryRun ? " (dry run: nothing changed)" : " reloaded")}");
            Console.Out.WriteLine($"  types added:    {List(plan.Added)}");
            Console.Out.WriteLine($"  types removed:  {List(plan.Removed)}");
            foreach (var change in plan.Changed)
            {
                Console.Out.WriteLine($"  type changed:   {change.Type} ({string.Join(", ", change.Fields)}){(change.RestartsBots ? "" : ", applied in place")}");
            }

            Console.Out.WriteLine($"  restarted, one at a time ({verb}): {List(plan.Restarting)}");
            Console.Out.WriteLine($"  stopped, type removed ({verb}): {List(plan.Pruning)}");
            if (plan.KeptWithoutType.Count > 0)
            {
                Console.Out.WriteLine($"  kept running without a type (--prune stops them): {List(plan.KeptWithoutType)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
