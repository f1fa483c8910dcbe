using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Api;

/// <summary>Reads a JSON body with precise errors: malformed JSON says where, an oversized body says the limit.</summary>
internal static class RequestBody
{
    public const long MaxBytes = 1024 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, bool required = true)
        where T : class
    {
        if (request.ContentLength is > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanRead))
        {
            return (null, required ? Problems.BadRequest("The request has no body; send a JSON object.") : null);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted).ConfigureAwait(false);
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

    private static IResult TooLarge() =>
        Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The request body is larger than {MaxBytes} bytes.");
}
