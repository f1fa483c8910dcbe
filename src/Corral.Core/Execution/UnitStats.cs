using Corral.Processes;

namespace Corral.Execution;

/// <summary>
/// How busy a running bot is: its processes besides the main one, their CPU and memory, and for a Swarm service
/// the tasks that make it up.
/// </summary>
public readonly record struct UnitStats(int ChildProcesses, ProcessUsage Usage, IReadOnlyList<UnitTask>? Tasks = null);

/// <summary>One task of a service: which node runs it, in what state, in which container.</summary>
public sealed record UnitTask(string Id, string? Node, int? Slot, string State, string DesiredState, string? ContainerId, int? Pid, int? ExitCode, string? Error);
