using Corral.Exceptions;
using Corral.Server.Bots;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Api;

/// <summary>Every error as problem-details JSON with the status its cause deserves; the daemon keeps serving.</summary>
internal static class Problems
{
    public static IResult From(Exception error) => error switch
    {
        BotNotFoundException => Problem(StatusCodes.Status404NotFound, "Unknown bot", error.Message),
        BotConflictException => Problem(StatusCodes.Status409Conflict, "Conflict", error.Message),
        BotRequestException => Problem(StatusCodes.Status400BadRequest, "Invalid request", error.Message),
        ReadinessException => Problem(StatusCodes.Status503ServiceUnavailable, "The bot did not become ready", error.Message),
        LimitsUnenforceableException => Problem(StatusCodes.Status422UnprocessableEntity, "The bot type's limits cannot be enforced here", error.Message),
        LaunchException => Problem(StatusCodes.Status500InternalServerError, "The bot type could not be launched", error.Message),
        FleetSpecException => Problem(StatusCodes.Status500InternalServerError, "The bot type is misconfigured", error.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", error.Message),
    };

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
