using Corral.Processes;

namespace Corral.Server.Execution;

/// <summary>How busy a running bot is: its processes besides the main one, and their CPU and memory.</summary>
public readonly record struct UnitStats(int ChildProcesses, ProcessUsage Usage);
