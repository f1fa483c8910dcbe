using Corral.Exceptions;
using Corral.Fleet;
using Corral.Ports;

namespace Corral.Execution;

/// <summary>
/// The one port assignment: every replica gets its port before anything starts (fixed ones checked free, auto
/// ones handed out), and a start refuses ports that another process holds, naming it.
/// </summary>
public static class UnitPorts
{
    public static IReadOnlyDictionary<string, int[]> Assign(IReadOnlyList<ProcessSpec> processes, PortAllocator allocator)
    {
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var owners = new Dictionary<int, string>();
        foreach (var process in processes.Where(p => p.Port is not null))
        {
            var ports = process.Port!.IsAuto
                ? Enumerable.Range(0, process.Replicas).Select(_ => allocator.Allocate()).ToArray()
                : Enumerable.Range(process.Port.First!.Value, process.Replicas).ToArray();
            foreach (var port in ports)
            {
                if (port is < 1 or > 65535)
                {
                    throw new FleetSpecException($"{process.Name}: port {port} is outside 1-65535.");
                }

                if (!owners.TryAdd(port, process.Name))
                {
                    throw new FleetSpecException($"{process.Name} and {owners[port]} both want port {port}.");
                }
            }

            result[process.Name] = ports;
        }

        foreach (var process in processes.Where(p => p.Port is { IsAuto: false }))
        {
            EnsureFree(process.Name, result[process.Name]);
        }

        return result;
    }

    /// <summary>Throws <see cref="PortInUseException"/> naming the pid and command that hold any of <paramref name="ports"/>.</summary>
    public static void EnsureFree(string name, IReadOnlyCollection<int> ports)
    {
        if (ports.Count == 0)
        {
            // Nothing to check: reading the kernel's socket tables costs milliseconds on a busy machine.
            return;
        }

        var holders = PortInspector.FindHolders(ports);
        if (holders.Count > 0)
        {
            throw new PortInUseException(name, holders);
        }
    }
}
