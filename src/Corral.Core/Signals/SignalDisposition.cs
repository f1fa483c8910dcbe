using Corral.Interop.Unix;

namespace Corral.Signals;

/// <summary>What a process inherited for a signal, and undoing an inherited "ignore".</summary>
public static class SignalDisposition
{
    /// <summary>
    /// A shell starts background jobs with SIGINT and SIGQUIT ignored (POSIX), and the runtime does not handle a
    /// signal that was ignored when asked to. A teardown tool must act on them anyway (as Go's signal.Notify does
    /// for docker compose): call this before registering handlers for <paramref name="signals"/>.
    /// </summary>
    public static void RestoreDefault(params Signal[] signals)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var signal in signals)
        {
            _ = Native.Signal(SignalNumbers.ToNumber(signal), Native.SigDfl);
        }
    }
}
