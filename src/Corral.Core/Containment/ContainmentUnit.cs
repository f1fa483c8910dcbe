using System.Diagnostics;
using Corral.Processes;
using Corral.Signals;

namespace Corral.Containment;

/// <summary>One contained process tree: everything a launched process and its descendants become.</summary>
public abstract class ContainmentUnit(string id) : IDisposable
{
    /// <summary>Unique per unit; every member carries it as <c>CORRAL_UNIT</c>.</summary>
    public string Id { get; } = id;

    public abstract ContainmentKind Kind { get; }

    /// <summary>Tells the unit when it emptied; without one, a unit asks the kernel on a short backoff.</summary>
    public Watching.ChangeWatcher? Watcher { get; set; }

    /// <summary>Where the unit lives (a cgroup path, a session id), for reports and state files.</summary>
    public abstract string Location { get; }

    /// <summary>
    /// The argv to start instead of <paramref name="argv"/> so the process is inside the unit before it runs, with its
    /// stdout and stderr appended to the <paramref name="output"/> files when they are given (and stdin from /dev/null).
    /// </summary>
    public virtual IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, Processes.OutputFiles? output = null) =>
        output is null ? argv : ["/bin/sh", "-c", RedirectScript, output.Stdout, output.Stderr ?? output.Stdout, .. argv];

    /// <summary>The shell appends stdout to <c>$0</c> and stderr to <c>$1</c> (the same file or not), then becomes the command.</summary>
    protected const string RedirectScript = "exec >>\"$0\" 2>>\"$1\" </dev/null; shift; exec \"$@\"";

    /// <summary>Called once the operating system created the unit's main process.</summary>
    public virtual void Attach(Process process)
    {
    }

    /// <summary>The live members of the unit, the main process included while it lives.</summary>
    public abstract IReadOnlyList<ProcessInfo> Members(ProcessId main);

    /// <summary>What a resource limit did to the unit; null when none was hit (or the unit holds no limits).</summary>
    public virtual string? LimitHit() => null;

    /// <summary>
    /// Signals every member, waits up to <paramref name="grace"/> (cut short when <paramref name="hurry"/> fires),
    /// kills what is left and returns only once the unit is proven empty.
    /// </summary>
    public abstract Task<UnitStopReport> StopAsync(ProcessId main, Signal signal, TimeSpan grace, CancellationToken hurry);

    /// <summary>What a stop with <paramref name="signal"/> sends the members, as its report names it.</summary>
    public virtual string SentAs(Signal signal) => SignalNumbers.Name(signal);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
