using System.Buffers.Binary;
using System.Text;

namespace Corral.Docker.Engine;

/// <summary>Splits the engine's multiplexed log stream (header: stream byte, 3 zero bytes, big-endian length) into lines.</summary>
internal static class LogFrames
{
    public static async Task ReadAsync(Stream stream, Action<string, bool> onLine, CancellationToken cancel)
    {
        var header = new byte[8];
        var pending = new[] { new StringBuilder(), new StringBuilder() };
        while (await ReadExactlyAsync(stream, header, cancel).ConfigureAwait(false))
        {
            var isError = header[0] == 2;
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var payload = new byte[length];
            if (!await ReadExactlyAsync(stream, payload, cancel).ConfigureAwait(false))
            {
                break;
            }

            var buffer = pending[isError ? 1 : 0].Append(Encoding.UTF8.GetString(payload));
            var text = buffer.ToString();
            var start = 0;
            int newline;
            while ((newline = text.IndexOf('\n', start)) >= 0)
            {
                onLine(text[start..newline].TrimEnd('\r'), isError);
                start = newline + 1;
            }

            buffer.Clear().Append(text, start, text.Length - start);
        }

        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i].Length > 0)
            {
                onLine(pending[i].ToString(), i == 1);
            }
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
