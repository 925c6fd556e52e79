using BackOffice.Core.Webhooks;
using BackOffice.Core.Api;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Documents;
using BackOffice.Core.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Customers;

/// <summary>
/// KYC decisions and the status changes after them. Permissions are checked here, not only in the UI:
/// compliance and admins decide; nobody approves a customer they created; of two concurrent decisions exactly one wins.
/// </summary>
public sealed class CustomerReviewService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, ICustomerChanges changes, IOptions<KycOptions> kyc)
{
    public const int MaxReasonLength = FieldLimits.Reason;

    public Task<ServiceResult<Customer>> ApproveKycAsync(Guid customerId, Actor actor, string? note = null, CancellationToken ct = default) =>
        ChangeStatusAsync(customerId, actor, Transition.ApproveKyc, note, ct);

    public Task<ServiceResult<Customer>> RejectKycAsync(Guid customerId, Actor actor, string? reason, CancellationToken ct = default) =>
        ChangeStatusAsync(customerId, actor, Transition.RejectKyc, reason, ct);

    public Task<ServiceResult<Customer>> SuspendAsync(Guid customerId, Actor actor, string? reason, CancellationToken ct = default) =>
        ChangeStatusAsync(customerId, actor, Transition.Suspend, reason, ct);

    public Task<ServiceResult<Customer>> ReinstateAsync(Guid customerId, Actor actor, string? reason, CancellationToken ct = default) =>
        ChangeStatusAsync(customerId, actor, Transition.Reinstate, reason, ct);

    /// <summary>Why <paramref name="actor"/> may not approve this customer's KYC, or null if they may (for the UI to explain itself).</summary>
    public static string? WhyCannotApprove(Customer customer, Actor actor) =>
        !actor.CanDecideKyc ? Transition.ApproveKyc.ForbiddenMessage
        : IsCreator(customer, actor) ? FourEyesMessage
        : WhyScreeningForbids(customer);

    /// <summary>KYC approval (and reinstatement) needs no unresolved and no confirmed sanctions match.</summary>
    public static string? WhyScreeningForbids(Customer customer) => customer.ScreeningStatus switch
    {
        ScreeningStatus.PotentialMatch => "A potential sanctions match is unresolved: compliance must resolve it before this customer can be approved.",
        ScreeningStatus.ConfirmedMatch => "This customer is a confirmed sanctions match and cannot be approved or reinstated.",
        _ => null,
    };

    private static bool IsCreator(Customer customer, Actor actor) => customer.CreatedById == actor.Id;

    public const string MissingEvidence = "missing_evidence";

    public const string SuspenderMessage = "You suspended this customer, so another compliance officer or administrator must reinstate them.";

    /// <summary>A customer created with an API key counts as created by the person who issued the key.</summary>
    private static async Task<bool> CreatedWithKeyIssuedByAsync(BackOfficeDbContext db, Customer customer, Actor actor, CancellationToken ct) =>
        Api.ApiKey.IdFromActorId(customer.CreatedById) is { } keyId
        && await db.ApiKeys.AnyAsync(k => k.Id == keyId && k.IssuedById == actor.Id, ct);

    /// <summary>Whether the latest suspension of this customer was by <paramref name="actor"/>.</summary>
    private static async Task<bool> SuspendedByAsync(BackOfficeDbContext db, Customer customer, Actor actor, CancellationToken ct) =>
        await db.CustomerAudit.Where(e => e.CustomerId == customer.Id && e.Action == CustomerAuditActions.Suspended)
            .OrderByDescending(e => e.Id).Select(e => e.ActorId).FirstOrDefaultAsync(ct) == actor.Id;

    public const string FourEyesMessage = "You created this customer, so another compliance officer must approve their KYC (four-eyes rule).";

    private async Task<ServiceResult<Customer>> ChangeStatusAsync(Guid customerId, Actor actor, Transition transition, string? reason, CancellationToken ct)
    {
        if (!transition.IsAllowedFor(actor)) return ServiceResult<Customer>.Forbidden(transition.ForbiddenMessage);

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (transition.ReasonRequired && reason is null)
            return ServiceResult<Customer>.Invalid(new Dictionary<string, string[]> { ["Reason"] = ["is required"] }, "Give a reason.");
        if (PlainText.HasControlCharacters(reason, allowLineBreaks: true))
            return ServiceResult<Customer>.Invalid(new Dictionary<string, string[]> { ["Reason"] = [PlainText.ControlCharactersMessage] }, "The reason contains control characters.");
        if (reason?.Length > MaxReasonLength)
            return ServiceResult<Customer>.Invalid(new Dictionary<string, string[]> { ["Reason"] = [$"must be at most {MaxReasonLength} characters"] }, "The reason is too long.");

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Read and held inside the write transaction, so that the status we check is the one we change.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var customer = await db.FindForUpdateAsync(customerId, ct);
            if (customer is null) return ServiceResult<Customer>.NotFound("No customer has this id.");

            if (transition == Transition.ApproveKyc && (IsCreator(customer, actor) || await CreatedWithKeyIssuedByAsync(db, customer, actor, ct)))
                return ServiceResult<Customer>.Forbidden(FourEyesMessage);

            if (customer.Status != transition.From)
                return await RefusedBecauseOfStatusAsync(db, customer, transition, ct);

            var isKycDecision = transition == Transition.ApproveKyc || transition == Transition.RejectKyc;
            if (isKycDecision && Reviews.ReviewClaims.WhyClaimForbids(customer, actor, clock.GetUtcNow().UtcDateTime, kyc.Value.ClaimTimeout) is { } claimed)
                return ServiceResult<Customer>.Conflict(claimed, code: Reviews.ReviewClaims.ClaimedByOther);

            // Segregation of duties: the one who suspended a customer does not also lift the suspension.
            if (transition == Transition.Reinstate && await SuspendedByAsync(db, customer, actor, ct))
                return ServiceResult<Customer>.Forbidden(SuspenderMessage);
            if ((transition == Transition.ApproveKyc || transition == Transition.Reinstate) && WhyScreeningForbids(customer) is { } screening)
                return ServiceResult<Customer>.Conflict(screening, code: "screening_unresolved");

            // A KYC decision is a judgement on evidence: approval needs the required documents accepted.
            if (transition == Transition.ApproveKyc && await KycEvidence.MissingAsync(db, customer, kyc.Value, ct) is { Count: > 0 } missing)
                return ServiceResult<Customer>.Conflict(KycEvidence.MissingMessage(missing), code: MissingEvidence);

            var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            customer.Status = transition.To;
            customer.Changed(now);
            if (isKycDecision) Reviews.ReviewClaims.Clear(customer); // the review is over
            try
            {
                db.CustomerAudit.Add(new CustomerAuditEntry
                {
                    CustomerId = customer.Id,
                    Action = transition.AuditAction,
                    FromStatus = transition.From,
                    ToStatus = transition.To,
                    ActorId = actor.Id,
                    ActorName = actor.Name,
                    At = now,
                    Reason = reason,
                });
                await db.SaveChangesAsync(ct);
                await StatusCounts.MoveAsync(db, transition.From, transition.To, ct);
                if (transition == Transition.ApproveKyc || transition == Transition.RejectKyc)
                    await DailyCounts.KycDecidedAsync(db, now, approved: transition == Transition.ApproveKyc, ct);
                await WebhookOutbox.AddAsync(db, customer.PartnerId, transition.WebhookEvent, CustomerResource.From(customer), now, ct);
                await tx.CommitAsync(ct);
                changes.Publish(new CustomerChange(customer.Id, transition.AuditAction, customer.Status));
                return ServiceResult<Customer>.Ok(customer);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed this customer after we read it. If the status still allows this change (say, they only
                // added a wallet), try again; otherwise tell who changed the status, and how.
                await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                var current = await fresh.Customers.AsNoTracking().FirstAsync(c => c.Id == customerId, ct);
                if (current.Status == transition.From && attempt < 10) continue;
                return await RefusedBecauseOfStatusAsync(fresh, current, transition, ct);
            }
        }
    }

    private static async Task<ServiceResult<Customer>> RefusedBecauseOfStatusAsync(BackOfficeDbContext db, Customer customer, Transition transition, CancellationToken ct)
    {
        // The last change of status (wallets, documents and views leave it as it was).
        var last = await db.CustomerAudit.AsNoTracking().Where(e => e.CustomerId == customer.Id && (e.FromStatus == null || e.FromStatus != e.ToStatus))
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        var status = customer.Status.ToDisplay();
        var message = transition.From == CustomerStatus.PendingKyc && customer.Status != CustomerStatus.PendingKyc && last is not null
            ? $"Already decided: {CustomerAuditActions.ToDisplay(last.Action)} by {last.ActorName} at {last.At:yyyy-MM-dd HH:mm:ss} UTC. The customer is now {status}."
            : last is not null
                ? $"Cannot {transition.Verb} a customer who is {status} (last change: {CustomerAuditActions.ToDisplay(last.Action)} by {last.ActorName} at {last.At:yyyy-MM-dd HH:mm:ss} UTC)."
                : $"Cannot {transition.Verb} a customer who is {status}.";
        return ServiceResult<Customer>.Conflict(message);
    }

    private sealed record Transition(
        CustomerStatus From, CustomerStatus To, string AuditAction, string Verb, bool ReasonRequired, string ForbiddenMessage)
    {
        public static readonly Transition ApproveKyc = new(CustomerStatus.PendingKyc, CustomerStatus.Active, CustomerAuditActions.KycApproved,
            "approve KYC for", ReasonRequired: false, "Only compliance officers and administrators can approve KYC.");
        public static readonly Transition RejectKyc = new(CustomerStatus.PendingKyc, CustomerStatus.Rejected, CustomerAuditActions.KycRejected,
            "reject KYC for", ReasonRequired: true, "Only compliance officers and administrators can reject KYC.");
        public static readonly Transition Suspend = new(CustomerStatus.Active, CustomerStatus.Suspended, CustomerAuditActions.Suspended,
            "suspend", ReasonRequired: true, "Only compliance officers and administrators can suspend customers.");
        public static readonly Transition Reinstate = new(CustomerStatus.Suspended, CustomerStatus.Active, CustomerAuditActions.Reinstated,
            "reinstate", ReasonRequired: true, "Only compliance officers and administrators can reinstate customers.");

        /// <summary>What the customer's partner hears about this change.</summary>
        public string WebhookEvent => AuditAction switch
        {
            CustomerAuditActions.KycApproved => WebhookRules.CustomerKycApproved,
            CustomerAuditActions.KycRejected => WebhookRules.CustomerKycRejected,
            CustomerAuditActions.Suspended => WebhookRules.CustomerSuspended,
            _ => WebhookRules.CustomerReinstated,
        };

        public bool IsAllowedFor(Actor actor) => this == Suspend || this == Reinstate ? actor.CanSuspendOrReinstate : actor.CanDecideKyc;
    }
}
