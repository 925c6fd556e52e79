using BackOffice.Core.Api;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Screening;
using BackOffice.Core.Webhooks;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Customers;

/// <summary>
/// Corrections to a customer after creation, from the customer page and PATCH /api/v1/customers/{id}: the create's
/// validators judge the edited whole, the email stays unique, each changed field is audited with its old and new value,
/// and a change of what screening matches on (names, type, country) screens the customer again.
/// </summary>
public sealed class CustomerEditService(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    IValidator<NewCustomer> validator,
    TimeProvider clock,
    ICustomerChanges changes,
    ScreeningService? screening = null)
{
    /// <summary>The conflict code when the customer changed after the editor read it (the API's 412).</summary>
    public const string ChangedMeanwhile = "changed_meanwhile";

    public const string IdentityMessage = "The names and type of an active customer were verified by KYC: only compliance officers and administrators can change them.";

    /// <summary>
    /// Edits the customer: <paramref name="edit"/> turns the customer as stored now (read under its lock) into the
    /// values wanted. With <paramref name="expectedVersion"/> (the version the form or the ETag was read at), a customer
    /// changed since is refused, so nobody overwrites a change they have not seen.
    /// </summary>
    public async Task<ServiceResult<Customer>> EditAsync(Guid id, Func<Customer, NewCustomer> edit, int? expectedVersion, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanEditCustomers && !actor.CanEditVerifiedIdentity)
            return ServiceResult<Customer>.Forbidden("Only agents and administrators can edit customers.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.FindForUpdateAsync(id, ct);
        if (customer is null || !actor.CanSee(customer.PartnerId)) return ServiceResult<Customer>.NotFound("No customer has this id.");
        if (expectedVersion is { } expected && customer.Version != expected)
            return await ChangedMeanwhileAsync(db, customer, ct);

        var input = edit(customer);
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return ServiceResult<Customer>.Invalid(validation);

        var edited = CustomerService.Normalize(input, actor, customer.CreatedAt);
        var fieldChanges = CustomerFieldChange.Between(customer, edited);
        if (fieldChanges.Count == 0) return ServiceResult<Customer>.Ok(customer); // nothing to record

        if (WhyForbidden(customer, fieldChanges, actor) is { } forbidden) return ServiceResult<Customer>.Forbidden(forbidden);

        if (edited.Email != customer.Email && await OtherHolderAsync(db, edited.Email, customer.Id, ct) is { } holder)
            return CustomerService.EmailTakenResult(holder, actor);

        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        Apply(edited, customer);
        customer.Changed(now);
        db.CustomerAudit.Add(new CustomerAuditEntry
        {
            CustomerId = customer.Id,
            Action = CustomerAuditActions.Edited,
            FromStatus = customer.Status,
            ToStatus = customer.Status,
            ActorId = actor.Id,
            ActorName = actor.Name,
            At = now,
            Detail = PlainText.Cut(string.Join(", ", fieldChanges.Select(c => c.Label)), FieldLimits.AuditDetail),
            Changes = CustomerFieldChange.ToJson(fieldChanges),
        });
        // A new name, type or country may match (or stop matching) a sanctions list entry.
        if (screening is not null && fieldChanges.Any(c => c.Field is "first_name" or "last_name" or "type" or "billing_address.country"))
            await screening.ScreenAsync(db, customer, actor, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return await OtherHolderAsync(fresh, edited.Email, customer.Id, ct) is { } taker
                ? CustomerService.EmailTakenResult(taker, actor)
                : throw new InvalidOperationException("Unique violation without a duplicate email.", e);
        }
        await WebhookOutbox.AddAsync(db, customer.PartnerId, WebhookRules.CustomerUpdated, CustomerResource.From(customer), now, ct);
        await transaction.CommitAsync(ct);
        changes.Publish(new CustomerChange(customer.Id, CustomerAuditActions.Edited, customer.Status));
        return ServiceResult<Customer>.Ok(customer);
    }

    /// <summary>Why <paramref name="actor"/> may not make these changes, or null. Agents and admins edit; what KYC verified
    /// on an active customer is compliance's (and admins').</summary>
    public static string? WhyForbidden(Customer customer, IReadOnlyList<CustomerFieldChange> fieldChanges, Actor actor)
    {
        foreach (var change in fieldChanges)
        {
            var verified = customer.Status == CustomerStatus.Active && CustomerFieldChange.Identity.Contains(change.Field);
            if (verified && !actor.CanEditVerifiedIdentity) return IdentityMessage;
            if (!verified && !actor.CanEditCustomers)
                return customer.Status == CustomerStatus.Active
                    ? $"Only agents and administrators can change the {change.Label.ToLowerInvariant()}; compliance changes only the names and type of an active customer."
                    : "Only agents and administrators can edit customers.";
        }
        return null;
    }

    private static void Apply(Customer from, Customer to)
    {
        to.FirstName = from.FirstName;
        to.LastName = from.LastName;
        to.FirstNameKey = from.FirstNameKey;
        to.LastNameKey = from.LastNameKey;
        to.Email = from.Email;
        to.Phone = from.Phone;
        to.Type = from.Type;
        to.BillingAddress = from.BillingAddress;
    }

    /// <summary>Refuses an edit made on an old read, naming the change the editor has not seen.</summary>
    private static async Task<ServiceResult<Customer>> ChangedMeanwhileAsync(BackOfficeDbContext db, Customer customer, CancellationToken ct)
    {
        var last = await db.CustomerAudit.AsNoTracking().Where(e => e.CustomerId == customer.Id)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        var what = last is null ? "" : $" ({CustomerAuditActions.ToDisplay(last.Action).ToLowerInvariant()} by {ApiKey.DisplayActor(last.ActorId, last.ActorName)} at {last.At:yyyy-MM-dd HH:mm:ss} UTC)";
        return ServiceResult<Customer>.Conflict(
            $"This customer was changed after you opened it{what}. Nothing was saved: reload to see the current details, then make your change again.",
            code: ChangedMeanwhile);
    }

    /// <summary>Another customer with this email, if any.</summary>
    private static async Task<CustomerService.EmailHolder?> OtherHolderAsync(BackOfficeDbContext db, string email, Guid customerId, CancellationToken ct) =>
        (await CustomerService.EmailHoldersAsync(db, c => c.Email == email && c.Id != customerId, ct)).FirstOrDefault();
}
