using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Wallets;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Wallets;

/// <summary>Wallets on a real SQLite file: who may create them, for which customers, one per currency, audited, frozen by suspension.</summary>
public sealed class WalletServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<Guid> CustomerAsync(CustomerStatus status)
    {
        var id = (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!.Id;
        if (status is CustomerStatus.Active or CustomerStatus.Suspended)
            Assert.True((await database.Reviews.ApproveKycAsync(id, TestDatabase.Compliance)).Succeeded);
        if (status == CustomerStatus.Suspended)
            Assert.True((await database.Reviews.SuspendAsync(id, TestDatabase.Compliance, "Chargeback investigation")).Succeeded);
        if (status == CustomerStatus.Rejected)
            Assert.True((await database.Reviews.RejectKycAsync(id, TestDatabase.Compliance, "Documents forged")).Succeeded);
        return id;
    }

    private static NewWallet For(Guid customerId, string? currency) => new() { CustomerId = customerId, Currency = currency };

    [Fact]
    public async Task An_active_customer_gets_an_active_wallet_at_zero_and_the_creation_is_audited()
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);

        var result = await database.Wallets.CreateAsync(For(customerId, " usd "), TestDatabase.Agent);

        Assert.True(result.Succeeded, result.Message);
        var wallet = result.Value!;
        Assert.Equal("USD", wallet.Currency);
        Assert.Equal(WalletStatus.Active, wallet.Status);
        Assert.Equal(0m, wallet.Balance);
        Assert.Equal("0.00", wallet.FormattedBalance);
        Assert.Equal(7, wallet.Id.Version);
        var entry = (await database.Customers.GetAuditTrailAsync(customerId)).Last();
        Assert.Equal(CustomerAuditActions.WalletCreated, entry.Action);
        Assert.Equal(TestDatabase.Agent.Name, entry.ActorName);
        Assert.Equal($"USD wallet {wallet.Id}", entry.Detail);
        Assert.Equal(CustomerStatus.Active, entry.ToStatus);
    }

    [Theory]
    [InlineData(CustomerStatus.PendingKyc)]
    [InlineData(CustomerStatus.Rejected)]
    [InlineData(CustomerStatus.Suspended)]
    public async Task A_customer_who_is_not_active_gets_no_wallet(CustomerStatus status)
    {
        var customerId = await CustomerAsync(status);

        var result = await database.Wallets.CreateAsync(For(customerId, "USD"), TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Conflict, result.Kind);
        Assert.Equal(WalletService.CustomerNotActive, result.Code);
        Assert.Empty((await database.Wallets.ListForCustomerAsync(customerId)).Value!.Wallets);
    }

    [Fact]
    public async Task A_second_wallet_in_one_currency_is_refused_but_another_currency_is_fine()
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);
        Assert.True((await database.Wallets.CreateAsync(For(customerId, "EUR"), TestDatabase.Agent)).Succeeded);

        var again = await database.Wallets.CreateAsync(For(customerId, "eur"), TestDatabase.Admin);
        var other = await database.Wallets.CreateAsync(For(customerId, "JPY"), TestDatabase.Admin);

        Assert.Equal(WalletService.WalletExists, again.Code);
        Assert.Equal(["already has a EUR wallet"], again.Errors["Currency"]);
        Assert.True(other.Succeeded);
        Assert.Equal("0", other.Value!.FormattedBalance); // the yen has no minor unit
        Assert.Equal(["EUR", "JPY"], (await database.Wallets.ListForCustomerAsync(customerId)).Value!.Wallets.Select(w => w.Currency));
    }

    [Fact]
    public async Task Concurrent_creations_in_one_currency_make_exactly_one_wallet()
    {
        for (var round = 0; round < 3; round++)
        {
            var customerId = await CustomerAsync(CustomerStatus.Active);

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                Task.Run(() => database.Wallets.CreateAsync(For(customerId, "GBP"), TestDatabase.Agent))));

            Assert.Single(results, r => r.Succeeded);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(WalletService.WalletExists, r.Code));
            await using var db = await database.DbFactory.CreateDbContextAsync();
            Assert.Equal(1, await db.Wallets.CountAsync(w => w.CustomerId == customerId));
            Assert.Equal(1, await db.CustomerAudit.CountAsync(e => e.CustomerId == customerId && e.Action == CustomerAuditActions.WalletCreated));
        }
    }

    [Fact]
    public async Task Concurrent_creations_in_different_currencies_all_succeed()
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);
        var currencies = BackOffice.Core.Reference.Currencies.All.Take(24).Select(c => c.Code).ToArray();

        var results = await Task.WhenAll(currencies.Select(c => Task.Run(() => database.Wallets.CreateAsync(For(customerId, c), TestDatabase.Agent))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(currencies.Length, (await database.Wallets.ListForCustomerAsync(customerId)).Value!.Wallets.Count);
    }

    [Fact]
    public async Task A_suspension_is_never_refused_because_wallets_are_being_created()
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);
        var creations = BackOffice.Core.Reference.Currencies.All.Take(12)
            .Select(c => Task.Run(() => database.Wallets.CreateAsync(For(customerId, c.Code), TestDatabase.Agent))).ToList();

        var suspension = await Task.Run(() => database.Reviews.SuspendAsync(customerId, TestDatabase.Compliance, "Sanctions hit"));
        var results = await Task.WhenAll(creations);

        Assert.True(suspension.Succeeded, suspension.Message);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(WalletService.CustomerNotActive, r.Code));
    }

    [Fact]
    public async Task A_wallet_is_never_left_on_a_customer_suspended_at_the_same_moment()
    {
        for (var round = 0; round < 5; round++)
        {
            var customerId = await CustomerAsync(CustomerStatus.Active);

            var creating = Task.Run(() => database.Wallets.CreateAsync(For(customerId, "USD"), TestDatabase.Agent));
            var suspending = Task.Run(() => database.Reviews.SuspendAsync(customerId, TestDatabase.Compliance, "Sanctions hit"));
            var create = await creating;
            var suspend = await suspending;

            // Either order is fine, but the trail must tell a consistent story: a wallet exists only if it was created while active.
            Assert.True(suspend.Succeeded, suspend.Message);
            var trail = await database.Customers.GetAuditTrailAsync(customerId);
            var created = trail.SingleOrDefault(e => e.Action == CustomerAuditActions.WalletCreated);
            var suspended = trail.Single(e => e.Action == CustomerAuditActions.Suspended);
            Assert.Equal(create.Succeeded, created is not null);
            if (created is not null) Assert.True(created.Id < suspended.Id);
        }
    }

    [Fact]
    public async Task Unknown_customer_is_not_found()
    {
        var result = await database.Wallets.CreateAsync(For(Guid.CreateVersion7(), "USD"), TestDatabase.Agent);
        Assert.Equal(ServiceResultKind.NotFound, result.Kind);
        Assert.Equal(ServiceResultKind.NotFound, (await database.Wallets.ListForCustomerAsync(Guid.CreateVersion7())).Kind);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("US")]
    [InlineData("XTS")] // the testing code is not a currency in circulation
    [InlineData("dollar")]
    public async Task An_unknown_currency_is_invalid_not_missing(string currency)
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);

        var result = await database.Wallets.CreateAsync(For(customerId, currency), TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal(["must be an ISO 4217 currency code, e.g. USD"], result.Errors["Currency"]);
        Assert.Empty(result.MissingFields);
    }

    [Fact]
    public async Task Missing_fields_are_reported_as_missing()
    {
        // An id that is not a UUID cannot reach the service: the API's wire record answers it (WalletApiTests).
        var missing = await database.Wallets.CreateAsync(new NewWallet { CustomerId = null, Currency = " " }, TestDatabase.Agent);

        Assert.Equal(["Currency", "CustomerId"], missing.MissingFields.Order());
    }

    [Fact]
    public async Task Only_agents_and_administrators_create_wallets()
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);

        Assert.Equal(ServiceResultKind.Forbidden, (await database.Wallets.CreateAsync(For(customerId, "USD"), TestDatabase.Compliance)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await database.Wallets.CreateAsync(For(customerId, "USD"), TestDatabase.Manager)).Kind);
        Assert.True((await database.Wallets.CreateAsync(For(customerId, "USD"), TestDatabase.Admin)).Succeeded);
    }

    [Fact]
    public async Task Suspending_the_customer_freezes_the_wallets_and_reinstating_frees_them()
    {
        var customerId = await CustomerAsync(CustomerStatus.Active);
        var wallet = (await database.Wallets.CreateAsync(For(customerId, "USD"), TestDatabase.Agent)).Value!;
        Assert.True((await database.Wallets.GetUsableAsync(wallet.Id)).Succeeded);

        await database.Reviews.SuspendAsync(customerId, TestDatabase.Compliance, "Chargeback investigation");

        var frozen = await database.Wallets.GetUsableAsync(wallet.Id);
        Assert.Equal(ServiceResultKind.Conflict, frozen.Kind);
        Assert.Equal(WalletService.CustomerNotActive, frozen.Code);
        var listed = (await database.Wallets.ListForCustomerAsync(customerId)).Value!;
        Assert.Equal(WalletStatus.Suspended, listed.Wallets.Single().EffectiveStatus(listed.CustomerStatus));

        await database.Reviews.ReinstateAsync(customerId, TestDatabase.Compliance, "Investigation closed");

        Assert.True((await database.Wallets.GetUsableAsync(wallet.Id)).Succeeded);
        Assert.Equal(ServiceResultKind.NotFound, (await database.Wallets.GetUsableAsync(Guid.CreateVersion7())).Kind);
    }

    [Fact]
    public async Task Work_before_the_commit_is_saved_with_the_wallet_or_not_at_all()
    {
        // The API stores an Idempotency-Key's answer this way: in the wallet's own transaction.
        var customerId = await CustomerAsync(CustomerStatus.Active);
        var auditBefore = (await database.Customers.GetAuditTrailAsync(customerId)).Count;

        await Assert.ThrowsAsync<TimeoutException>(() => database.Wallets.CreateAsync(For(customerId, "EUR"), TestDatabase.Agent,
            (_, _, _) => throw new TimeoutException("the answer could not be stored")));
        var seenInside = false;
        var created = await database.Wallets.CreateAsync(For(customerId, "EUR"), TestDatabase.Agent,
            async (db, wallet, ct) => seenInside = await db.Wallets.AnyAsync(w => w.Id == wallet.Id, ct));

        Assert.True(created.Succeeded, created.Message);
        Assert.True(seenInside, "the hook runs inside the wallet's transaction, where the new wallet is already visible");
        var wallets = (await database.Wallets.ListForCustomerAsync(customerId)).Value!;
        Assert.Equal(created.Value!.Id, Assert.Single(wallets.Wallets).Id); // the failed attempt left nothing
        Assert.Equal(auditBefore + 1, (await database.Customers.GetAuditTrailAsync(customerId)).Count);
    }
}
