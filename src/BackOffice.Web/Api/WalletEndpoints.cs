using BackOffice.Core.Customers;
using BackOffice.Core;
using BackOffice.Core.Wallets;
using FluentValidation;

namespace BackOffice.Web.Api;

/// <summary>POST /api/v1/wallets and GET /api/v1/customers/{id}/wallets, over <see cref="WalletService"/>.</summary>
public static class WalletEndpoints
{
    public static void MapWalletEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/wallets", CreateAsync)
            .WithTags("Wallets")
            .WithName("CreateWallet")
            .WithSummary("Create a wallet for an active customer")
            .WithDescription("One wallet per customer and currency; it starts active with a balance of zero. Send an Idempotency-Key to retry safely.")
            .Produces<DataEnvelope<WalletResource>>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExamples.CreateWallet);

        api.MapGet("/customers/{id:guid}/wallets", ListAsync)
            .WithTags("Wallets")
            .WithName("ListCustomerWallets")
            .WithSummary("List a customer's wallets")
            .Produces<ListEnvelope<WalletResource>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExamples.ListWallets);
    }

    private static Task<IResult> CreateAsync(HttpContext context, WalletService wallets, IValidator<NewWallet> validator) =>
        CreateEndpoint.HandleAsync<NewWallet, Wallet>(context, WalletRequestReader.Read, validator, (input, actor, beforeCommit) => wallets.CreateAsync(input, actor, beforeCommit),
            result => result.Kind switch
            {
                // Only active customers get wallets, so a new wallet is active.
                ServiceResultKind.Succeeded => ApiResponseResult.Json(StatusCodes.Status201Created,
                    new DataEnvelope<WalletResource>(WalletResource.From(result.Value!, CustomerStatus.Active))),
                ServiceResultKind.NotFound => Problems.NotFound(result.Message!),
                ServiceResultKind.Conflict when result.Code == WalletService.WalletExists =>
                    Problems.Conflict(WalletService.WalletExists, "Wallet exists", result.Message!),
                ServiceResultKind.Conflict => Problems.Conflict(WalletService.CustomerNotActive, "Customer not active", result.Message!),
                _ => Problems.Forbidden(result.Message!),
            });

    private static async Task<IResult> ListAsync(Guid id, WalletService wallets, CancellationToken ct)
    {
        var result = await wallets.ListForCustomerAsync(id, ct);
        if (!result.Succeeded) return Problems.NotFound(result.Message!).ToResult();
        var list = result.Value!;
        return ApiResponseResult.Json(StatusCodes.Status200OK, new ListEnvelope<WalletResource>(
            list.Wallets.Select(w => WalletResource.From(w, list.CustomerStatus)).ToList(), HasMore: false)).ToResult();
    }
}
