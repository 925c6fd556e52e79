using BackOffice.Core.Webhooks;
using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Reference;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Wallets;

/// <summary>
/// Wallets: created for active customers only, one per currency, each creation audited on the customer.
/// The customer page and the REST API both come through here.
/// </summary>
public sealed class WalletService(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    IValidator<NewWallet> validator,
    TimeProvider clock,
    ICustomerChanges changes)
{
    public const string CustomerNotActive = "customer_not_active";
    public const string WalletExists = "wallet_exists";

    public async Task<ServiceResult<Wallet>> CreateAsync(NewWallet input, Actor actor, CancellationToken ct = default) =>
        await CreateAsync(input, actor, beforeCommit: null, ct);

    public async Task<ServiceResult<Wallet>> CreateAsync(NewWallet input, Actor actor, BeforeCommit<Wallet>? beforeCommit, CancellationToken ct = default)
    {
        if (!actor.CanCreateWallets)
            return ServiceResult<Wallet>.Forbidden("Only agents and administrators can create wallets.");

        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return ServiceResult<Wallet>.Invalid(validation);
        var customerId = input.CustomerId!.Value;
        var currency = Currencies.Find(input.Currency)!.Code;

        // The customer is read and held inside the write transaction (FindForUpdateAsync), so the check and the insert
        // see the same customer. The version bump is a second guard: should writers ever overlap, look again, so the
        // answer reflects what happened (wallet_exists, customer_not_active, or success).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCreateAsync(customerId, currency, actor, beforeCommit, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
            }
            catch (DbUpdateConcurrencyException)
            {
                return ServiceResult<Wallet>.Conflict("The customer kept changing while the wallet was being created. Try again.", code: CustomerNotActive);
            }
        }
    }

    private async Task<ServiceResult<Wallet>> TryCreateAsync(Guid customerId, string currency, Actor actor, BeforeCommit<Wallet>? beforeCommit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.FindForUpdateAsync(customerId, ct);
        if (customer is null || !actor.CanSee(customer.PartnerId)) return ServiceResult<Wallet>.NotFound($"No customer has the id {customerId}.");
        if (customer.Status != CustomerStatus.Active)
            return ServiceResult<Wallet>.Conflict(
                $"Wallets can be created only for active customers; this customer is {customer.Status.ToDisplay()}.", code: CustomerNotActive);
        if (await db.Wallets.AnyAsync(w => w.CustomerId == customerId && w.Currency == currency, ct))
            return ExistsConflict(currency);

        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var wallet = new Wallet
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            Currency = currency,
            Status = WalletStatus.Active,
            Balance = 0m,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
        };
        db.Wallets.Add(wallet);
        db.CustomerAudit.Add(new CustomerAuditEntry
        {
            CustomerId = customerId,
            Action = CustomerAuditActions.WalletCreated,
            FromStatus = customer.Status,
            ToStatus = customer.Status,
            ActorId = actor.Id,
            ActorName = actor.Name,
            At = now,
            Detail = $"{currency} wallet {wallet.Id}",
        });
        // Bumping the customer's version makes this creation and a concurrent suspension conflict,
        // so that no wallet is added to a customer who stopped being active meanwhile.
        customer.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            await WebhookOutbox.AddAsync(db, customer.PartnerId, WebhookRules.WalletCreated, WalletResource.From(wallet, customer.Status), now, ct);
            if (beforeCommit is not null) await beforeCommit(db, wallet, ct);
            await transaction.CommitAsync(ct);
            changes.Publish(new CustomerChange(customerId, CustomerAuditActions.WalletCreated, customer.Status));
            return ServiceResult<Wallet>.Ok(wallet);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return ExistsConflict(currency); // created by another request between our check and our insert
        }
    }

    /// <summary>A customer's wallets, oldest first; NotFound for an unknown customer.</summary>
    public Task<ServiceResult<CustomerWallets>> ListForCustomerAsync(Guid customerId, CancellationToken ct = default) =>
        ListForCustomerAsync(customerId, viewer: null, ct);

    /// <summary>The wallets of a customer <paramref name="viewer"/> may see (an API key: its partner's customers only).</summary>
    public async Task<ServiceResult<CustomerWallets>> ListForCustomerAsync(Guid customerId, Actor? viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Status, c.PartnerId }).FirstOrDefaultAsync(ct);
        if (customer is null || viewer?.CanSee(customer.PartnerId) == false) return ServiceResult<CustomerWallets>.NotFound($"No customer has the id {customerId}.");
        var wallets = await db.Wallets.AsNoTracking().Where(w => w.CustomerId == customerId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Currency).ToListAsync(ct);
        return ServiceResult<CustomerWallets>.Ok(new CustomerWallets(customerId, customer.Status, wallets));
    }

    /// <summary>
    /// The wallet if it may be used now (to pay, to receive), or why not. Features that move money must call this:
    /// a wallet is usable only while it is active and its customer is active (a suspended customer's wallets are frozen).
    /// </summary>
    public async Task<ServiceResult<Wallet>> GetUsableAsync(Guid walletId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Wallets.AsNoTracking().Where(w => w.Id == walletId)
            .Join(db.Customers, w => w.CustomerId, c => c.Id, (w, c) => new { Wallet = w, CustomerStatus = c.Status })
            .FirstOrDefaultAsync(ct);
        if (found is null) return ServiceResult<Wallet>.NotFound($"No wallet has the id {walletId}.");
        if (found.Wallet.EffectiveStatus(found.CustomerStatus) != WalletStatus.Active)
            return ServiceResult<Wallet>.Conflict(
                $"This wallet cannot be used: its customer is {found.CustomerStatus.ToDisplay()}.", code: CustomerNotActive);
        return ServiceResult<Wallet>.Ok(found.Wallet);
    }

    private static ServiceResult<Wallet> ExistsConflict(string currency) =>
        ServiceResult<Wallet>.Conflict($"This customer already has a {currency} wallet.",
            new Dictionary<string, string[]> { [nameof(NewWallet.Currency)] = [$"already has a {currency} wallet"] }, code: WalletExists);
}
