using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>
/// Limits on Windows are the unit's Job Object's (memory, CPU rate, active processes), each read back once set. Wine 8
/// keeps none of them, so corral.exe must refuse each before anything starts, naming the limit and the call, instead
/// of running a client the user believes is held. (The limits holding is not verifiable under Wine.)
/// </summary>
public sealed class LimitsSpecs
{
    [WineWithoutJobLimitsFact(Timeout = 300_000)]
    public Task A_memory_limit_the_job_does_not_keep_is_refused_before_anything_starts() =>
        RefusedAsync("memory: 64MB", "memory cannot be enforced by a Job Object here", "JOB_OBJECT_LIMIT_JOB_MEMORY");

    [WineWithoutJobLimitsFact(Timeout = 300_000)]
    public Task A_process_count_limit_the_job_does_not_keep_is_refused_before_anything_starts() =>
        RefusedAsync("pids: 20", "pids cannot be enforced by a Job Object here", "JOB_OBJECT_LIMIT_ACTIVE_PROCESS");

    [WineWithoutJobLimitsFact(Timeout = 300_000)]
    public Task A_cpu_limit_the_job_cannot_take_is_refused_before_anything_starts() =>
        RefusedAsync("cpus: 0.5", "cpus cannot be enforced by a Job Object here", "JobObjectCpuRateControlInformation");

    [WineWithoutJobLimitsFact(Timeout = 300_000)]
    public async Task Doctor_says_why_each_limit_cannot_be_enforced()
    {
        using var folder = new TempFolder("corral-wine-");
        var output = new StringBuilder();

        using var doctor = Wine.Start(folder.Path, output, "doctor", "--json");
        await Wine.ExitCodeAsync(doctor);

        var json = output.ToString();
        var limits = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("limits");
        foreach (var limit in new[] { "memory", "cpus", "pids" })
        {
            Assert.Contains($"{limit} cannot be enforced by a Job Object here", limits.GetProperty(limit).GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task RefusedAsync(string limit, string reason, string call)
    {
        using var folder = new TempFolder("corral-wine-");
        var marker = Wine.Marker();
        File.WriteAllText(folder.File("fleet.yaml"), $$"""
            processes:
              free:
                command: ["cmd", "/c", "ping -n {{marker}} 127.0.0.1"]
              limited:
                command: ["cmd", "/c", "ping -n {{marker}} 127.0.0.1"]
                limits: { {{limit}} }
            """);
        var output = new StringBuilder();
        System.Diagnostics.Process? corral = null;
        try
        {
            corral = Wine.Start(folder.Path, output, "up", "fleet.yaml", "--", "cmd", "/c", "exit 0");

            Assert.Equal(8, await Wine.ExitCodeAsync(corral));
            Assert.Contains(reason, output.ToString(), StringComparison.Ordinal);
            Assert.Contains(call, output.ToString(), StringComparison.Ordinal);
            Assert.Empty(Wine.Carrying(marker));
        }
        finally
        {
            Wine.KillAll(corral, marker);
        }
    }
}
