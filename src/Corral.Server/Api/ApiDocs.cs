using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Api;

/// <summary>
/// What the OpenAPI document says of an endpoint whose handler returns <see cref="IResult"/>: the request body it
/// reads itself and every status it answers with, errors as problem details.
/// </summary>
internal static class ApiDocs
{
    /// <summary>Every endpoint may answer 401 (a token is configured and missing or wrong) and 500.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder endpoint, int status, params int[] problems)
    {
        endpoint.Produces<T>(status);
        return endpoint.Problems(problems);
    }

    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder endpoint, params int[] problems)
    {
        foreach (var problem in problems.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status500InternalServerError).Distinct())
        {
            endpoint.ProducesProblem(problem);
        }

        return endpoint;
    }

    public static RouteHandlerBuilder Reads<T>(this RouteHandlerBuilder endpoint)
        where T : notnull =>
        endpoint.Accepts<T>("application/json").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
}
