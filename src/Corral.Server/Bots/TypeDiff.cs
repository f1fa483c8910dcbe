using Corral.Config;
using Corral.Fleet;

namespace Corral.Server.Bots;

/// <summary>
/// What changed in one bot type between two configurations, field by field: policy fields (restart, logs, liveness,
/// stop) apply to running bots in place; anything else (command, env, image, ports, limits, readiness, ...) changes
/// what a bot is, so its bots restart.
/// </summary>
public static class TypeDiff
{
    public static IReadOnlyList<string> PolicyChanges(BotTypeSpec before, BotTypeSpec after) =>
    [
        .. Changed("restart", before.Restart, after.Restart),
        .. Changed("logs", before.Logs, after.Logs),
        .. Changed("liveness", before.Process.Liveness, after.Process.Liveness),
        .. Changed("stop", (before.Process.StopSignal, before.Process.StopGrace), (after.Process.StopSignal, after.Process.StopGrace)),
    ];

    public static IReadOnlyList<string> RestartingChanges(BotTypeSpec before, BotTypeSpec after)
    {
        ProcessSpec a = before.Process, b = after.Process;
        return
        [
            .. Changed("command", string.Join('\0', a.Command), string.Join('\0', b.Command)),
            .. Changed("env", Flatten(a.Environment), Flatten(b.Environment)),
            .. Changed("cwd", a.WorkingDirectory, b.WorkingDirectory),
            .. Changed("image", a.Image, b.Image),
            .. Changed("port", a.Port, b.Port),
            .. Changed("limits", a.Limits, b.Limits),
            .. Changed("readiness", a.Readiness, b.Readiness),
            .. Changed("replicas", a.Replicas, b.Replicas),
            .. Changed("console", a.NewConsole, b.NewConsole),
        ];
    }

    private static string Flatten(IReadOnlyDictionary<string, string> map) =>
        string.Join('\0', map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));

    private static IEnumerable<string> Changed<T>(string field, T before, T after) =>
        EqualityComparer<T>.Default.Equals(before, after) ? [] : [field];
}
