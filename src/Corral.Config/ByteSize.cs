using System.Globalization;

namespace Corral.Config;

/// <summary>Sizes as people write them: <c>10MB</c>, <c>512KB</c>, <c>1GB</c> (powers of 1024) or a number of bytes.</summary>
public static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        text = text.Trim().ToUpperInvariant();
        var (number, scale) = text switch
        {
            _ when text.EndsWith("KB", StringComparison.Ordinal) => (text[..^2], 1024L),
            _ when text.EndsWith("MB", StringComparison.Ordinal) => (text[..^2], 1024L * 1024),
            _ when text.EndsWith("GB", StringComparison.Ordinal) => (text[..^2], 1024L * 1024 * 1024),
            _ when text.EndsWith('B') => (text[..^1], 1L),
            _ => (text, 1L),
        };
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount * scale < long.MaxValue)
        {
            bytes = (long)(amount * scale);
            return true;
        }

        bytes = 0;
        return false;
    }
}
