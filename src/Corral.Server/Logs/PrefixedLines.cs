using System.Text;

namespace Corral.Server.Logs;

/// <summary>
/// A stream that one bot's log is followed into: it cuts what arrives into whole lines and writes each to a shared
/// output as <c>name | line</c>, one line at a time under the output's lock, so the lines of many bots interleave
/// whole. A partial line waits for its end.
/// </summary>
internal sealed class PrefixedLines(Stream output, SemaphoreSlim outputLock, string name) : Stream
{
    private readonly byte[] prefix = Encoding.UTF8.GetBytes(name + " | ");
    private readonly MemoryStream pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Writes whole lines given as strings (the tail before following), each prefixed.</summary>
    public async Task WriteLinesAsync(IEnumerable<string> lines, CancellationToken cancel)
    {
        foreach (var line in lines)
        {
            await WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancel).ConfigureAwait(false);
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

            pending.Write(buffer.Span[..(end + 1)]);
            buffer = buffer[(end + 1)..];
            await outputLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await output.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                outputLock.Release();
            }

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
