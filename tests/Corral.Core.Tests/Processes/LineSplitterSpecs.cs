using System.Text;
using Corral.Processes;

namespace Corral.Tests.Processes;

/// <summary>The one line splitter, fed the way pipes and streams deliver bytes: in arbitrary chunks.</summary>
public sealed class LineSplitterSpecs
{
    [Fact]
    public void A_character_split_across_two_chunks_is_decoded_whole()
    {
        var lines = new List<string>();
        var splitter = new LineSplitter(lines.Add);
        var bytes = Encoding.UTF8.GetBytes("prix: 12 €\n");
        var cut = Array.IndexOf(bytes, (byte)0xE2) + 1;

        splitter.Append(bytes.AsSpan(0, cut));
        splitter.Append(bytes.AsSpan(cut));

        Assert.Equal(["prix: 12 €"], lines);
    }

    [Fact]
    public void Crlf_ends_a_line_and_a_last_line_without_newline_comes_on_flush()
    {
        var lines = new List<string>();
        var splitter = new LineSplitter(lines.Add);

        splitter.Append("one\r\ntw"u8);
        splitter.Append("o\nthree"u8);
        Assert.Equal(["one", "two"], lines);

        splitter.Flush();
        Assert.Equal(["one", "two", "three"], lines);
    }
}
