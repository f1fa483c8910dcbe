using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Api;

/// <summary>Reads a JSON body with precise errors: malformed JSON says where, an oversized body says the limit.</summary>
internal static class RequestBody
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// What the server accepts on the wire, well above <see cref="MaxBytes"/>: a body over the API's limit but under
    /// this one is read to its end and answered 413, instead of the connection being cut under a client still sending.
    /// </summary>
    public const long WireLimit = 16 * MaxBytes;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, bool required = true)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanRead))
        {
            return (null, required ? Problems.BadRequest("The request has no body; send a JSON object.") : null);
        }

        try
        {
            if (await ReadBoundedAsync(request).ConfigureAwait(false) is not { } body)
            {
                return (null, TooLarge());
            }

            var value = JsonSerializer.Deserialize(body.Span, type);
            return value is null && required ? (null, Problems.BadRequest("The body is JSON null; send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"Malformed JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (BadHttpRequestException e)
        {
            // A body the server could not read (a malformed chunk, a connection cut mid-body): the client's fault.
            return (null, Problems.BadRequest($"The request body could not be read: {e.Message}"));
        }
    }

    // The body, or null when it is longer than MaxBytes (then read to its end, so the answer reaches the client).
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var tooLarge = false;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            tooLarge |= buffer.Length + read > MaxBytes;
            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        if (tooLarge)
        {
            // Not "tooLarge ? null : memory": null would become an empty ReadOnlyMemory through its conversion from arrays.
            return null;
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static IResult TooLarge() =>
        Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The request body is larger than {MaxBytes} bytes.");
}
