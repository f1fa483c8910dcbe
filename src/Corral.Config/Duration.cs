using System.Globalization;

namespace Corral.Config;

/// <summary>
/// Durations as people write them: <c>250ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>, compounds such as <c>1m30s</c> or
/// <c>1h15m</c> (as Go's and compose's durations), or a plain number of seconds.
/// </summary>
public static class Duration
{
    private static readonly (string Unit, double Seconds)[] Units = [("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1)];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var rest = text.Trim().AsSpan();
        if (rest.IsEmpty)
        {
            return false;
        }

        if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return Within(plain, out value);
        }

        var total = 0.0;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            rest = rest[digits..];
            var unit = UnitAt(rest);
            if (unit is not var (name, scale))
            {
                return false;
            }

            total += amount * scale;
            rest = rest[name.Length..];
        }

        return Within(total, out value);
    }

    // "ms" is tried before "m": the longer unit wins.
    private static (string Name, double Seconds)? UnitAt(ReadOnlySpan<char> text)
    {
        foreach (var unit in Units)
        {
            if (text.StartsWith(unit.Unit, StringComparison.Ordinal))
            {
                return unit;
            }
        }

        return null;
    }

    private static bool Within(double seconds, out TimeSpan value)
    {
        var fits = seconds >= 0 && double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds;
        value = fits ? TimeSpan.FromSeconds(seconds) : default;
        return fits;
    }
}
