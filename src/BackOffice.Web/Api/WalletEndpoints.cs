using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Core.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .WithBodyRules()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(ApiExamples.CreateWallet);

        api.MapGet("/customers/{id:guid}/wallets", ListAsync)
            .WithTags("Wallets")
            .WithName("ListCustomerWallets")
            .WithSummary("List a customer's wallets")
            .WithDescription("Every wallet of the customer, one per currency. A suspended customer's wallets show as suspended.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(ApiExamples.ListWallets);
    }

    private static async Task<Results<Created<DataEnvelope<WalletResource>>, ProblemHttpResult>> CreateAsync(
        ApiBody<CreateWalletRequest> body, HttpContext context, WalletService wallets)
    {
        var result = await wallets.CreateAsync(body.CommandAs<NewWallet>(), Actor.FromPrincipal(context.User),
            IdempotentRequest.StoreBeforeCommit<Wallet>(context, Created));
        return result.Succeeded ? Created(result.Value!) : Problems.For(result);
    }

    // Only active customers get wallets, so a new wallet is active.
    private static Created<DataEnvelope<WalletResource>> Created(Wallet wallet) =>
        TypedResults.Created((string?)null, new DataEnvelope<WalletResource>(WalletResource.From(wallet, CustomerStatus.Active)));

    private static async Task<Results<Ok<ListEnvelope<WalletResource>>, ProblemHttpResult>> ListAsync(Guid id, HttpContext context, WalletService wallets, CancellationToken ct)
    {
        var result = await wallets.ListForCustomerAsync(id, Actor.FromPrincipal(context.User), ct);
        if (!result.Succeeded) return Problems.NotFound(result.Message!);
        var list = result.Value!;
        return TypedResults.Ok(new ListEnvelope<WalletResource>(list.Wallets.Select(w => WalletResource.From(w, list.CustomerStatus)).ToList(), HasMore: false));
    }
}
