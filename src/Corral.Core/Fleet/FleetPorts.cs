using Corral.Exceptions;
using Corral.Ports;

namespace Corral.Fleet;

/// <summary>Gives every replica its port before anything starts, and refuses ports that are taken.</summary>
internal static class FleetPorts
{
    public static IReadOnlyDictionary<string, int[]> Assign(IReadOnlyList<ProcessSpec> processes)
    {
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var owners = new Dictionary<int, string>();
        foreach (var process in processes.Where(p => p.Port is not null))
        {
            var ports = process.Port!.IsAuto
                ? Enumerable.Range(0, process.Replicas).Select(_ => PortAllocator.Allocate()).ToArray()
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
            var holders = PortInspector.FindHolders(result[process.Name]);
            if (holders.Count > 0)
            {
                throw new PortInUseException(process.Name, holders);
            }
        }

        return result;
    }
}
