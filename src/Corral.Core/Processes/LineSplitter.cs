using System.Text;

namespace Corral.Processes;

/// <summary>
/// The one line splitter: turns chunks of UTF-8 bytes (a pipe, a log file, an engine's log stream) into complete
/// lines. A character split across two chunks is decoded whole; <c>\r\n</c> counts as one end of line.
/// </summary>
public sealed class LineSplitter(Action<string> onLine)
{
    private readonly Decoder decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder partial = new();
    private char[] chars = new char[4096];

    public void Append(ReadOnlySpan<byte> chunk)
    {
        var needed = decoder.GetCharCount(chunk, flush: false);
        if (needed > chars.Length)
        {
            chars = new char[needed];
        }

        var count = decoder.GetChars(chunk, chars, flush: false);
        var text = chars.AsSpan(0, count);
        int newline;
        while ((newline = text.IndexOf('\n')) >= 0)
        {
            partial.Append(text[..newline]);
            Emit();
            text = text[(newline + 1)..];
        }

        partial.Append(text);
    }

    /// <summary>Hands on a last line that had no newline (the writer ended mid-line).</summary>
    public void Flush()
    {
        if (partial.Length > 0)
        {
            Emit();
        }
    }

    /// <summary>Forgets a partial line (the file was truncated under it).</summary>
    public void Reset()
    {
        partial.Clear();
        decoder.Reset();
    }

    private void Emit()
    {
        var length = partial.Length > 0 && partial[^1] == '\r' ? partial.Length - 1 : partial.Length;
        onLine(partial.ToString(0, length));
        partial.Clear();
    }
}
