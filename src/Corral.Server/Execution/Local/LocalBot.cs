using Corral.Processes;

namespace Corral.Server.Execution.Local;

/// <summary>A bot that is a contained local process.</summary>
internal sealed class LocalBot(ManagedProcess process) : IRunningBot
{
    public string DisplayName => process.DisplayName;

    public int Pid => process.Pid;

    public bool HasExited => process.HasExited;

    public Task<int> Exited => process.Exited;

    public OutputBuffer Output => process.Output;

    public string? WorkingDirectory => process.WorkingDirectory;

    public string UnitId => process.Unit.Id;

    public string Location => process.Unit.Location;

    public ulong? StartTime => process.Id.StartTime;

    public bool IsAdopted => process.IsAdopted;

    public IReadOnlyList<string> Command => process.Spec.Command;

    /// <summary>From the unit (the cgroup where there is one): no full /proc scan per bot.</summary>
    public Task<UnitStats> StatsAsync(CancellationToken cancel)
    {
        if (process.HasExited)
        {
            return Task.FromResult(default(UnitStats));
        }

        var members = process.Unit.Members(process.Id);
        var usage = members.Aggregate(default(ProcessUsage), (sum, m) => sum + ProcessTable.ReadUsage(m.Pid));
        return Task.FromResult(new UnitStats(members.Count(m => m.Id != process.Id), usage));
    }

    public Task<StopReport> StopAsync(CancellationToken hurry = default) => process.StopAsync(hurry);
}
