using Corral.Readiness;
using Corral.Supervision;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

internal static partial class ProcessReader
{
    // A process's output only says it started: liveness asks it (http, tcp) or checks it (exec) again and again.
    private static readonly string[] LivenessProbes = ["http", "tcp", "exec"];

    /// <summary><c>liveness: { http: URL, interval: 10s, attempt_timeout: 1s, failure_threshold: 3, on_failure: restart }</c>.</summary>
    private static LivenessSpec Liveness(YamlNodeReader reader, YamlNode node, string field)
    {
        var entries = reader.Entries(node, field, [.. LivenessProbes, "expect", "interval", "attempt_timeout", "failure_threshold", "on_failure"]).ToList();
        var defaults = new ProbeSpec(ProbeKind.Http, "") { Interval = LivenessSpec.DefaultInterval, AttemptTimeout = LivenessSpec.DefaultAttemptTimeout };
        var liveness = new LivenessSpec(Probe(reader, node, field, entries, LivenessProbes, defaults));
        foreach (var (key, value) in entries)
        {
            var at = $"{field}.{key}";
            liveness = key switch
            {
                "failure_threshold" => liveness with { FailureThreshold = reader.Int(value, at, 1, 1000) },
                "on_failure" => liveness with { OnFailure = OnFailure(reader, value, at) },
                _ => liveness,
            };
        }

        return liveness;
    }

    private static LivenessAction OnFailure(YamlNodeReader reader, YamlNode node, string field) => reader.Scalar(node, field) switch
    {
        "restart" => LivenessAction.Restart,
        "stop" => LivenessAction.Stop,
        "report" => LivenessAction.Report,
        var other => throw reader.Error(node, field, $"unknown on_failure '{other}'; expected restart, stop or report"),
    };
}
