using System.Text;

namespace Corral.Server.Logs;

/// <summary>
/// A stream that one log file is followed into: it cuts what arrives into whole lines and writes each, shaped by
/// <paramref name="format"/>, to a shared output one line at a time under the output's lock, so the lines of many
/// files (bots, stdout and stderr) interleave whole. A partial line waits for its end.
/// </summary>
internal sealed class LineStream(Stream output, SemaphoreSlim outputLock, Func<string, string> format) : Stream
{
    private readonly MemoryStream pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Writes whole lines given as strings (the tail before following), each formatted.</summary>
    public async Task WriteLinesAsync(IEnumerable<string> lines, CancellationToken cancel)
    {
        foreach (var line in lines)
        {
            await WriteLineAsync(line, cancel).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var end = buffer.Span.IndexOf((byte)'\n');
            if (end < 0)
            {
                pending.Write(buffer.Span);
                return;
            }

            pending.Write(buffer.Span[..end]);
            buffer = buffer[(end + 1)..];
            await WriteLineAsync(Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length), cancellationToken).ConfigureAwait(false);
            pending.SetLength(0);
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await outputLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            outputLock.Release();
        }
    }

    // One whole line, formatted, under the output's lock: lines of other files never land inside it.
    private async Task WriteLineAsync(string text, CancellationToken cancel)
    {
        var line = Encoding.UTF8.GetBytes(format(text) + "\n");
        await outputLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(line, cancel).ConfigureAwait(false);
        }
        finally
        {
            outputLock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write asynchronously.");

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        pending.Dispose();
        base.Dispose(disposing);
    }
}
