using System.Buffers.Binary;
using Corral.Processes;

namespace Corral.Docker.Engine;

/// <summary>Splits the engine's multiplexed log stream (header: stream byte, 3 zero bytes, big-endian length) into lines.</summary>
internal static class LogFrames
{
    public static async Task ReadAsync(Stream stream, Action<string, bool> onLine, CancellationToken cancel)
    {
        var header = new byte[8];
        LineSplitter[] lines = [new(text => onLine(text, false)), new(text => onLine(text, true))];
        while (await ReadExactlyAsync(stream, header, cancel).ConfigureAwait(false))
        {
            var isError = header[0] == 2;
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var payload = new byte[length];
            if (!await ReadExactlyAsync(stream, payload, cancel).ConfigureAwait(false))
            {
                break;
            }

            lines[isError ? 1 : 0].Append(payload);
        }

        foreach (var splitter in lines)
        {
            splitter.Flush();
        }
    }

    private static async Task<bool> ReadExactlyAsync(Stream stream, byte[] buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var got = await stream.ReadAsync(buffer.AsMemory(read), cancel).ConfigureAwait(false);
            if (got == 0)
            {
                return false;
            }

            read += got;
        }

        return true;
    }
}
