using System.Globalization;
using Corral.Interop.Unix;

namespace Corral.Processes;

public static partial class WorkingSet
{
    private const int MadvDontNeed = 4;

    // Only read-only private mappings of our own executable with no page of their own (Anonymous: 0): dropping a
    // page that was copied on write would lose the copy, so any mapping holding one is left alone.
    private static long DropCleanImagePages()
    {
        var image = Environment.ProcessPath;
        if (image is null)
        {
            return 0;
        }

        long dropped = 0;
        foreach (var (start, end, resident) in CleanMappingsOf(image))
        {
            if (Native.Madvise((nint)start, (nuint)(end - start), MadvDontNeed) == 0)
            {
                dropped += resident;
            }
        }

        return dropped;
    }

    private static List<(ulong Start, ulong End, long Resident)> CleanMappingsOf(string image)
    {
        var result = new List<(ulong, ulong, long)>();
        (ulong Start, ulong End)? current = null;
        long resident = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsMappingHeader(line, out var start, out var end, out var readOnlyImage, image))
            {
                current = readOnlyImage ? (start, end) : null;
            }
            else if (current is not null && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (current is { } clean && line.StartsWith("Anonymous:", StringComparison.Ordinal) && Kilobytes(line) == 0)
            {
                result.Add((clean.Start, clean.End, resident));
            }
        }

        return result;
    }

    // "55d0c0a00000-55d0c1000000 r-xp 00000000 fd:01 1234  /usr/local/bin/corral"
    private static bool IsMappingHeader(string line, out ulong start, out ulong end, out bool readOnlyImage, string image)
    {
        start = end = 0;
        readOnlyImage = false;
        var dash = line.IndexOf('-');
        var space = line.IndexOf(' ');
        if (dash <= 0 || space <= dash || !ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out start)
            || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out end))
        {
            return false;
        }

        var permissions = line.AsSpan(space + 1, Math.Min(4, line.Length - space - 1));
        readOnlyImage = permissions is "r--p" or "r-xp" && line.EndsWith(" " + image, StringComparison.Ordinal);
        return true;
    }

    private static long Kilobytes(string line)
    {
        var digits = line.AsSpan(line.IndexOf(':') + 1).Trim();
        var space = digits.IndexOf(' ');
        return long.TryParse(space < 0 ? digits : digits[..space], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1;
    }
}
