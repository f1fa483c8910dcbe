using System.Text.RegularExpressions;
using Corral.Exceptions;

namespace Corral.Fleet;

/// <summary>
/// Expands <c>{port}</c>, <c>{name}</c>, <c>{replica}</c> and <c>{other.port}</c>. A <c>${VAR}</c> is the shell's and
/// is left alone, as is anything in braces that is not a plain name (<c>{print $1}</c>).
/// </summary>
public static partial class Template
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> values, string where)
    {
        return Placeholder().Replace(text, match =>
        {
            if (match.Index > 0 && text[match.Index - 1] == '$')
            {
                return match.Value;
            }

            var key = match.Groups[1].Value;
            return values.TryGetValue(key, out var value)
                ? value
                : throw new FleetSpecException($"{where}: unknown placeholder '{match.Value}' (known: {string.Join(", ", values.Keys.Select(k => "{" + k + "}"))}).");
        });
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_-]*(?:\.port)?)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
