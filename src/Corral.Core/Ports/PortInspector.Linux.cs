using System.Globalization;

namespace Corral.Ports;

public static partial class PortInspector
{
    private const string Listen = "0A";

    // Listening sockets in /proc/net/tcp and tcp6, whose inodes are matched against the socket links in /proc/*/fd.
    private static List<PortHolder> LinuxHolders(IReadOnlyCollection<int> ports)
    {
        var inodes = new Dictionary<string, int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var (port, inode) in ListeningSockets(table))
            {
                if (ports.Contains(port))
                {
                    inodes.TryAdd(inode, port);
                }
            }
        }

        var holders = new List<PortHolder>();
        if (inodes.Count > 0)
        {
            holders.AddRange(FindOwners(inodes));
        }

        foreach (var port in inodes.Values.Distinct().Where(p => holders.All(h => h.Port != p)))
        {
            holders.Add(new PortHolder(port, 0, "a process this user cannot see"));
        }

        return holders;
    }

    private static IEnumerable<(int Port, string Inode)> ListeningSockets(string table)
    {
        if (!File.Exists(table))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(table).Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != Listen)
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

    private static IEnumerable<PortHolder> FindOwners(Dictionary<string, int> inodes)
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
                    && inodes.TryGetValue(target[8..^1], out var port))
                {
                    yield return new PortHolder(port, pid, Processes.ProcessTable.ReadCommandLine(pid) ?? "?");
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
