using Corral.Processes;

namespace Corral.Readiness;

/// <summary>What a readiness wait watches: a local process, or a container the engine runs.</summary>
public interface IProbeTarget
{
    /// <summary>How errors name it: <c>name</c> or <c>name#replica</c>.</summary>
    string DisplayName { get; }

    /// <summary>The host pid of its main process (0 when the engine does not say).</summary>
    int Pid { get; }

    bool HasExited { get; }

    /// <summary>Completes with the exit code when it ends by itself.</summary>
    Task<int> Exited { get; }

    /// <summary>Its recent output, for log probes and error messages.</summary>
    OutputBuffer Output { get; }

    /// <summary>Where an exec probe runs.</summary>
    string? WorkingDirectory { get; }
}
