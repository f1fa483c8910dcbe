using System.Globalization;

namespace Corral.Ports;

public static partial class PortInspector
{
    private const string Listen = "0A";

    // An unconnected UDP socket: one that takes datagrams from anyone (a game server's port), what `ss -lu` lists.
    // A connected one is a client's (a DNS query's ephemeral port), which must not make an auto-picked port "busy".
    private const string Unconnected = "07";

    // Listening TCP sockets and unconnected UDP sockets in /proc/net, whose inodes are matched against the socket
    // links in /proc/*/fd.
    private static List<PortHolder> LinuxHolders(IReadOnlyCollection<int> ports)
    {
        var inodes = new Dictionary<string, (int Port, string Protocol)>();
        foreach (var (table, protocol) in new[]
        {
            ("/proc/net/tcp", PortHolder.Tcp), ("/proc/net/tcp6", PortHolder.Tcp), ("/proc/net/udp", PortHolder.Udp), ("/proc/net/udp6", PortHolder.Udp),
        })
        {
            foreach (var (port, inode) in Sockets(table, protocol == PortHolder.Tcp ? Listen : Unconnected))
            {
                if (ports.Contains(port))
                {
                    inodes.TryAdd(inode, (port, protocol));
                }
            }
        }

        var holders = new List<PortHolder>();
        if (inodes.Count > 0)
        {
            holders.AddRange(FindOwners(inodes));
        }

        foreach (var (port, protocol) in inodes.Values.Distinct().Where(p => !holders.Any(h => h.Port == p.Port && h.Protocol == p.Protocol)))
        {
            holders.Add(new PortHolder(port, 0, "a process this user cannot see", protocol));
        }

        return holders;
    }

    private static IEnumerable<(int Port, string Inode)> Sockets(string table, string state)
    {
        if (!File.Exists(table))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(table).Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != state)
            {
                continue;
            }

            var colon = fields[1].LastIndexOf(':');
            if (colon > 0 && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
            {
                yield return (port, fields[9]);
            }
        }
    }

    private static IEnumerable<PortHolder> FindOwners(Dictionary<string, (int Port, string Protocol)> inodes)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            IEnumerable<string> fds;
            try
            {
                fds = Directory.GetFiles(Path.Combine(dir, "fd"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var fd in fds)
            {
                var target = ReadLink(fd);
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && inodes.TryGetValue(target[8..^1], out var socket))
                {
                    yield return new PortHolder(socket.Port, pid, Processes.ProcessTable.ReadCommandLine(pid) ?? "?", socket.Protocol);
                }
            }
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
