using Corral.Exceptions;

namespace Corral.Fleet;

/// <summary>Resolves <c>depends_on</c> in one place: the start order, or a clear error for unknown names and cycles.</summary>
public static class DependencyOrder
{
    public static IReadOnlyList<ProcessSpec> Resolve(IReadOnlyList<ProcessSpec> processes)
    {
        var byName = new Dictionary<string, ProcessSpec>(StringComparer.Ordinal);
        foreach (var process in processes)
        {
            if (!byName.TryAdd(process.Name, process))
            {
                throw new FleetSpecException($"Two processes are named '{process.Name}'.");
            }
        }

        foreach (var process in processes)
        {
            foreach (var dependency in process.DependsOn.Where(d => !byName.ContainsKey(d)))
            {
                throw new FleetSpecException($"{process.Name}: depends_on names '{dependency}', which is not a process of this fleet.");
            }
        }

        var order = new List<ProcessSpec>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var process in processes)
        {
            Visit(process, byName, state, order, []);
        }

        return order;
    }

    private static void Visit(ProcessSpec process, Dictionary<string, ProcessSpec> byName, Dictionary<string, bool> state, List<ProcessSpec> order, List<string> path)
    {
        if (state.TryGetValue(process.Name, out var done))
        {
            if (!done)
            {
                var cycle = path.SkipWhile(p => p != process.Name).Append(process.Name);
                throw new FleetSpecException($"depends_on has a cycle: {string.Join(" -> ", cycle)}.");
            }

            return;
        }

        state[process.Name] = false;
        path.Add(process.Name);
        foreach (var dependency in process.DependsOn)
        {
            Visit(byName[dependency], byName, state, order, path);
        }

        path.RemoveAt(path.Count - 1);
        state[process.Name] = true;
        order.Add(process);
    }
}
