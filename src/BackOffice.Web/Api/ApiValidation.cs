using BackOffice.Core.Api;
using BackOffice.Core;
using FluentValidation;

namespace BackOffice.Web.Api;

/// <summary>
/// The one place that decides 400 or 422 for a request body, as an endpoint filter on every endpoint with a body:
/// an unreadable body is 413/400; otherwise the service's validator judges the command, and values of the wrong JSON
/// type are reported with its findings (400 if anything required is missing, else 422, by <see cref="Problems.ForInvalid{T}"/>).
/// On an endpoint marked <see cref="ValidatedByItsService"/> a command without wrong types goes straight on.
/// </summary>
public static class ApiValidation
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var body = invocation.Arguments.OfType<IApiBody>().SingleOrDefault();
        if (body is null) return await next(invocation);
        if (body.Unreadable is { } unreadable) return unreadable;

        // Wrong JSON types and text that cannot become the command's type (an unknown customer type): 422, reported
        // together with the validator's findings, and hiding what it says about the same fields.
        var wireErrors = new Dictionary<string, string[]>(body.TypeErrors);
        var command = body.Request!.ToCommand(wireErrors);
        if (wireErrors.Count == 0 && invocation.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ValidatedByItsService>() is not null)
        {
            // The service runs this same validator first thing, and the endpoint answers its refusal with Problems.For,
            // which gives this filter's 400/422: validating here too would only do it twice.
            body.Command = command;
            return await next(invocation);
        }
        var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(typeof(IValidator<>).MakeGenericType(command.GetType()));
        var validation = await validator.ValidateAsync(new ValidationContext<object>(command), invocation.HttpContext.RequestAborted);
        if (!validation.IsValid || wireErrors.Count > 0) return Problems.ForInvalid(ServiceResult<object>.Invalid(validation), wireErrors);

        body.Command = command;
        return await next(invocation);
    }
}

/// <summary>
/// Endpoint metadata: the service behind the endpoint validates the command with the same validator before anything
/// else and the endpoint answers an invalid one with <see cref="Problems.For{T}"/>, so <see cref="ApiValidation.Filter"/>
/// leaves the validation to it (values of the wrong JSON type are still reported by the filter).
/// </summary>
public sealed class ValidatedByItsService
{
    public static readonly ValidatedByItsService Instance = new();
}
