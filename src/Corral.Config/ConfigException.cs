using Corral.Exceptions;

namespace Corral.Config;

/// <summary>A configuration file is invalid; the message starts with <c>file:line:column: field:</c>.</summary>
public sealed class ConfigException(string file, long line, long column, string field, string problem)
    : CorralException($"{file}:{line}:{column}: {field}: {problem}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Field { get; } = field;
}
