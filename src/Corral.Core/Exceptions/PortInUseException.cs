using Corral.Ports;

namespace Corral.Exceptions;

/// <summary>A port a process needs is taken; names who holds it so the user can decide what to stop.</summary>
public sealed class PortInUseException(string process, IReadOnlyList<PortHolder> holders)
    : CorralException(Format(process, holders))
{
    public IReadOnlyList<PortHolder> Holders { get; } = holders;

    private static string Format(string process, IReadOnlyList<PortHolder> holders) =>
        string.Join("\n", holders.Select(h =>
            $"Port {h.Name} needed by {process} is already in use by "
            + (h.Pid == 0 ? h.Command : $"pid {h.Pid} ({h.Command})")
            + (h.Pid == 0 ? "." : $". Stop it (kill {h.Pid}), or pick another port; 'corral sweep' can clean up earlier runs.")));
}
