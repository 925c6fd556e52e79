using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Documents;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Reviews;

/// <summary>Claiming, taking over and releasing the review of a customer (see <see cref="ReviewClaims"/> for the rules).</summary>
public sealed class ReviewClaimService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, ICustomerChanges changes, IOptions<KycOptions> kyc)
{
    public TimeSpan Timeout => kyc.Value.ClaimTimeout;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Makes <paramref name="actor"/> the reviewer. A claim someone else holds is refused unless
    /// <paramref name="takeOver"/> says the actor means to take it over (audited with whom it was taken from).
    /// </summary>
    public async Task<ServiceResult<Customer>> ClaimAsync(Guid customerId, Actor actor, bool takeOver = false, CancellationToken ct = default)
    {
        if (!actor.CanDecideKyc) return ServiceResult<Customer>.Forbidden("Only compliance officers and administrators review customers.");
        return await ChangeAsync(customerId, actor, (customer, now) =>
        {
            if (!ReviewClaims.IsClaimable(customer.Status))
                return ($"Only a customer waiting for KYC can be claimed; this one is {customer.Status.ToDisplay()}.", null, null);
            if (customer.ReviewerId == actor.Id && ReviewClaims.IsHeld(customer, now, Timeout))
                return (null, null, null); // already theirs: nothing to record
            var previous = ReviewClaims.IsHeldByOther(customer, actor, now, Timeout) ? customer.ReviewerName : null;
            if (previous is not null && !takeOver) return (ReviewClaims.WhyClaimForbids(customer, actor, now, Timeout), null, null);
            customer.ReviewerId = actor.Id;
            customer.ReviewerName = actor.Name;
            customer.ReviewClaimedAt = now;
            return previous is null
                ? (null, CustomerAuditActions.ReviewClaimed, null)
                : (null, CustomerAuditActions.ReviewTakenOver, $"from {previous}");
        }, ct);
    }

    /// <summary>Gives up the actor's own claim (an admin may release anyone's).</summary>
    public async Task<ServiceResult<Customer>> ReleaseAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecideKyc) return ServiceResult<Customer>.Forbidden("Only compliance officers and administrators review customers.");
        return await ChangeAsync(customerId, actor, (customer, now) =>
        {
            if (customer.ReviewerId is null) return (null, null, null);
            if (customer.ReviewerId != actor.Id && ReviewClaims.IsHeld(customer, now, Timeout) && !actor.IsIn(Roles.Admin))
                return ($"{customer.ReviewerName} reviews this customer; only they (or an administrator) can release the claim.", null, null);
            var previous = customer.ReviewerName;
            ReviewClaims.Clear(customer);
            return (null, CustomerAuditActions.ReviewReleased, previous == actor.Name ? null : $"claim of {previous}");
        }, ct);
    }

    /// <summary>Open (unlapsed) claims per reviewer, most first: the dashboard's workload view.</summary>
    public async Task<IReadOnlyList<ReviewerLoad>> OpenClaimsAsync(CancellationToken ct = default)
    {
        var since = Now - Timeout;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claims = await db.Customers.AsNoTracking()
            .Where(c => c.ReviewerId != null && c.ReviewClaimedAt > since
                && (c.Status == CustomerStatus.PendingKyc || c.Status == CustomerStatus.AwaitingDocuments))
            .GroupBy(c => new { c.ReviewerId, c.ReviewerName })
            .Select(g => new { g.Key.ReviewerName, Count = g.Count(), Oldest = g.Min(c => c.ReviewClaimedAt) })
            .ToListAsync(ct);
        return claims.Select(c => new ReviewerLoad(c.ReviewerName!, c.Count, c.Oldest!.Value))
            .OrderByDescending(c => c.OpenClaims).ThenBy(c => c.Reviewer, StringComparer.Ordinal).ToList();
    }

    private async Task<ServiceResult<Customer>> ChangeAsync(Guid customerId, Actor actor,
        Func<Customer, DateTime, (string? Refusal, string? AuditAction, string? Detail)> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.FindForUpdateAsync(customerId, ct);
        if (customer is null) return ServiceResult<Customer>.NotFound("No customer has this id.");
        var now = Timestamps.ToStoredPrecision(Now);
        var (refusal, action, detail) = change(customer, now);
        if (refusal is not null) return ServiceResult<Customer>.Conflict(refusal, code: ReviewClaims.ClaimedByOther);
        if (action is null) return ServiceResult<Customer>.Ok(customer);
        // The claim is not part of the customer's data (nor of its API representation or ETag): the version stays.
        db.CustomerAudit.Add(new CustomerAuditEntry
        {
            CustomerId = customer.Id, Action = action, FromStatus = customer.Status, ToStatus = customer.Status,
            ActorId = actor.Id, ActorName = actor.Name, At = now, Detail = detail is null ? null : PlainText.Cut(detail, FieldLimits.AuditDetail),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Publish(new CustomerChange(customer.Id, action, customer.Status));
        return ServiceResult<Customer>.Ok(customer);
    }
}

public sealed record ReviewerLoad(string Reviewer, int OpenClaims, DateTime OldestClaimAt);
