using System.Text.Json;
using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using FluentValidation;

namespace BackOffice.Web.Api;

/// <summary>
/// What every create endpoint does around its service: read the body (413), make the call idempotent, parse it
/// (400), report values of the wrong JSON type together with the validator's findings, and turn field errors into
/// 400-before-422 problems. Only how the body is read and how a result is answered differ per resource.
/// </summary>
public static class CreateEndpoint
{
    public static async Task<IResult> HandleAsync<TInput, TValue>(
        HttpContext context,
        Func<JsonElement, JsonRequest<TInput>> read,
        IValidator<TInput> validator,
        Func<TInput, Actor, BeforeCommit<TValue>?, Task<ServiceResult<TValue>>> create,
        Func<ServiceResult<TValue>, ApiResponse> answer)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(context);
        if (tooLarge is not null) return tooLarge.ToResult();

        var actor = Actor.FromPrincipal(context.User);
        return await Idempotency.RunAsync(context, body!, async idempotent =>
        {
            var (document, malformed) = RequestBody.ParseObject(body!);
            if (malformed is not null) return malformed;
            using var _ = document;

            var request = read(document!.RootElement);
            if (request.TypeErrors.Count > 0)
                return Problems.ForInvalid(ServiceResult<TValue>.Invalid(await validator.ValidateAsync(request.Input)), request.TypeErrors);

            // With an Idempotency-Key, the success answer is stored in the create's own transaction.
            BeforeCommit<TValue>? storeAnswer = idempotent is null ? null
                : (db, created, ct) => idempotent.StoreAsync(db, answer(ServiceResult<TValue>.Ok(created)), ct);
            var result = await create(request.Input, actor, storeAnswer);
            if (result.Kind == ServiceResultKind.Succeeded && idempotent?.Stored is { } stored) return stored;
            return result.Kind == ServiceResultKind.Invalid ? Problems.ForInvalid(result) : answer(result);
        });
    }
}
