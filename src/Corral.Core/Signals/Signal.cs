namespace Corral.Signals;

/// <summary>The POSIX signals Corral sends, named portably; numbers differ per OS (see <see cref="SignalNumbers"/>).</summary>
public enum Signal
{
    Hup,
    Int,
    Quit,
    Kill,
    Usr1,
    Usr2,
    Term,
    Cont,
    Stop,
}
