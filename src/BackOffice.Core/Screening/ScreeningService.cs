using System.Text.Json;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Screening;

/// <summary>
/// Screens customers against the lists in force, keeps their hits and screening status, and records compliance's
/// resolution of each hit. Every screening, hit and resolution goes into the customer's audit trail.
/// </summary>
public sealed class ScreeningService(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    SanctionsLists lists,
    TimeProvider clock,
    ICustomerChanges changes)
{
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Screens an existing, tracked customer again inside the caller's transaction (after an edit of its name or type, or
    /// on request); a new customer is screened by <see cref="ScreenNew"/>. Returns false when no list is in force (the
    /// customer's status stays as it was; the re-screening after the lists arrive catches up).
    /// </summary>
    public async Task<bool> ScreenAsync(BackOfficeDbContext db, Customer customer, Actor actor, CancellationToken ct)
    {
        var index = lists.Index;
        if (index.EntryCount == 0) return false;
        var candidates = Match(index, customer.FirstName, customer.LastName, customer.Type, customer.BillingAddress.Country);
        var hits = await db.ScreeningHits.Where(h => h.CustomerId == customer.Id).ToListAsync(ct);
        Apply(db, customer, candidates, hits, actor, index, Now());
        return true;
    }

    /// <summary>
    /// A new customer's name matched against the lists in force, before its transaction: the group commit has each
    /// caller do this on its own thread, so that its one writer only writes. Null when no list is in force.
    /// </summary>
    internal ScreeningMatch? MatchNew(NewCustomer valid)
    {
        var index = lists.Index;
        if (index.EntryCount == 0) return null;
        var (firstName, lastName, country) = CustomerService.NormalizedScreeningFields(valid);
        return new ScreeningMatch(index, Match(index, firstName, lastName, valid.Type!.Value, country));
    }

    /// <summary>
    /// Screens a new customer, before its creating transaction commits, with <paramref name="match"/> found beforehand if
    /// the lists it used are still the ones in force; otherwise (the lists changed meanwhile, or none were in force) here
    /// and now. The new hits and audit entries go into <paramref name="rows"/>, for the creating transaction to write.
    /// </summary>
    internal void ScreenNew(Customer customer, Actor actor, ScreeningMatch? match, ScreeningRows rows)
    {
        var index = lists.Index;
        if (index.EntryCount == 0) return; // stays not_screened; the re-screening after the lists arrive catches up
        var candidates = match is not null && ReferenceEquals(match.Index, index)
            ? match.Candidates
            : Match(index, customer.FirstName, customer.LastName, customer.Type, customer.BillingAddress.Country);
        Apply(rows, customer, candidates, [], actor, index, Now());
    }

    /// <summary>
    /// Screens one customer again now: after a change of name or type (the edit calls this), or on request.
    /// </summary>
    public async Task<ServiceResult<Customer>> RescreenAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.FindForUpdateAsync(customerId, ct);
        if (customer is null) return ServiceResult<Customer>.NotFound("No customer has this id.");
        var before = customer.ScreeningStatus;
        if (!await ScreenAsync(db, customer, actor, ct))
            return ServiceResult<Customer>.Conflict("No sanctions list is in force, so the customer cannot be screened.", code: "no_sanctions_lists");
        customer.Changed(customer.ScreenedAt!.Value);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (before != customer.ScreeningStatus) changes.Publish(new CustomerChange(customer.Id, CustomerAuditActions.Screened, customer.Status));
        return ServiceResult<Customer>.Ok(customer);
    }

    /// <summary>Compliance's decision on a hit: a false positive (with the reason) or a confirmed match.</summary>
    public async Task<ServiceResult<ScreeningHit>> ResolveAsync(Guid hitId, bool confirmed, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecideKyc) return ServiceResult<ScreeningHit>.Forbidden("Only compliance officers and administrators can resolve sanctions matches.");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null)
            return ServiceResult<ScreeningHit>.Invalid(new Dictionary<string, string[]> { ["Reason"] = ["is required"] }, "Give a reason.");
        if (PlainText.HasControlCharacters(reason, allowLineBreaks: true))
            return ServiceResult<ScreeningHit>.Invalid(new Dictionary<string, string[]> { ["Reason"] = [PlainText.ControlCharactersMessage] }, "The reason contains control characters.");
        if (reason.Length > MaxReasonLength)
            return ServiceResult<ScreeningHit>.Invalid(new Dictionary<string, string[]> { ["Reason"] = [$"must be at most {MaxReasonLength} characters"] }, "The reason is too long.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hit = await db.ScreeningHits.FirstOrDefaultAsync(h => h.Id == hitId, ct);
        if (hit is null) return ServiceResult<ScreeningHit>.NotFound("No screening hit has this id.");
        var customer = await db.FindForUpdateAsync(hit.CustomerId, ct);
        await db.Entry(hit).ReloadAsync(ct); // read again under the customer's lock: someone may have resolved it meanwhile
        if (customer is null) return ServiceResult<ScreeningHit>.NotFound("No customer has this id.");
        if (hit.Status != ScreeningHitStatus.Open)
            return ServiceResult<ScreeningHit>.Conflict(hit.ResolvedByName is null
                ? $"This hit is no longer open ({hit.Status})."
                : $"Already resolved as {(hit.Status == ScreeningHitStatus.FalsePositive ? "a false positive" : "a confirmed match")} by {hit.ResolvedByName} at {hit.ResolvedAt:yyyy-MM-dd HH:mm:ss} UTC.");

        var now = Now();
        hit.Status = confirmed ? ScreeningHitStatus.ConfirmedMatch : ScreeningHitStatus.FalsePositive;
        hit.ResolvedAt = now;
        hit.ResolvedById = actor.Id;
        hit.ResolvedByName = actor.Name;
        hit.Reason = reason;
        db.CustomerAudit.Add(Audit(customer, confirmed ? CustomerAuditActions.ScreeningHitConfirmed : CustomerAuditActions.ScreeningHitFalsePositive,
            actor, now, Describe(hit), reason));

        var from = customer.Status;
        if (confirmed && customer.Status == CustomerStatus.Active)
        {
            // A confirmed match may not keep using the platform: suspended at once, in the same transaction.
            customer.Status = CustomerStatus.Suspended;
            db.CustomerAudit.Add(new CustomerAuditEntry
            {
                CustomerId = customer.Id, Action = CustomerAuditActions.Suspended, FromStatus = from, ToStatus = CustomerStatus.Suspended,
                ActorId = actor.Id, ActorName = actor.Name, At = now, Reason = Cut($"Confirmed sanctions match ({hit.ListName} entry {hit.EntryId}): {reason}", MaxReasonLength),
            });
        }
        var hits = await db.ScreeningHits.Where(h => h.CustomerId == customer.Id && h.Id != hit.Id).ToListAsync(ct);
        hits.Add(hit);
        customer.ScreeningStatus = StatusOf(hits);
        customer.Changed(now);
        await db.SaveChangesAsync(ct);
        if (from != customer.Status) await StatusCounts.MoveAsync(db, from, customer.Status, ct);
        await tx.CommitAsync(ct);
        changes.Publish(new CustomerChange(customer.Id, from != customer.Status ? CustomerAuditActions.Suspended : hit.Status == ScreeningHitStatus.ConfirmedMatch
            ? CustomerAuditActions.ScreeningHitConfirmed : CustomerAuditActions.ScreeningHitFalsePositive, customer.Status));
        return ServiceResult<ScreeningHit>.Ok(hit);
    }

    /// <summary>A customer's hits, open ones first, then newest first.</summary>
    public async Task<IReadOnlyList<ScreeningHit>> GetHitsAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hits = await db.ScreeningHits.AsNoTracking().Where(h => h.CustomerId == customerId).ToListAsync(ct);
        return hits.OrderBy(h => h.Status == ScreeningHitStatus.Open ? 0 : 1).ThenByDescending(h => h.Score).ThenByDescending(h => h.RaisedAt).ToList();
    }

    /// <summary>Customers with a potential match waiting for compliance, the longest waiting first.</summary>
    public async Task<PendingMatches> PendingMatchesAsync(int limit = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Customers.CountAsync(c => c.ScreeningStatus == ScreeningStatus.PotentialMatch, ct);
        var oldest = await db.ScreeningHits.AsNoTracking().Where(h => h.Status == ScreeningHitStatus.Open)
            .GroupBy(h => h.CustomerId)
            .Select(g => new { CustomerId = g.Key, Since = g.Min(h => h.RaisedAt), Hits = g.Count(), Best = g.Max(h => h.Score) })
            .OrderBy(g => g.Since).Take(limit).ToListAsync(ct);
        var ids = oldest.Select(o => o.CustomerId).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Status }).ToDictionaryAsync(c => c.Id, ct);
        return new PendingMatches(total, oldest.Where(o => names.ContainsKey(o.CustomerId)).Select(o =>
        {
            var c = names[o.CustomerId];
            return new PendingMatch(o.CustomerId, $"{c.FirstName} {c.LastName}", c.Status, o.Since, o.Hits, o.Best);
        }).ToList());
    }

    /// <summary>A new customer's candidate matches and the lists they came from.</summary>
    internal sealed record ScreeningMatch(ScreeningIndex Index, IReadOnlyList<ScreeningCandidate> Candidates);

    internal IReadOnlyList<ScreeningCandidate> Match(ScreeningIndex index, string firstName, string lastName, CustomerType type, string country) =>
        index.Match($"{firstName} {lastName}", individual: type == CustomerType.Individual, country, lists.Threshold);

    /// <summary>
    /// Records one screening's outcome on a tracked customer: new hits raised (an entry resolved as a false positive is
    /// not raised again unless it changed), open hits that no longer match withdrawn, the status recomputed, and the
    /// screening audited with the list versions it used.
    /// </summary>
    internal static int Apply(BackOfficeDbContext db, Customer customer, IReadOnlyList<ScreeningCandidate> candidates, List<ScreeningHit> hits, Actor actor, ScreeningIndex index, DateTime now)
    {
        var rows = new ScreeningRows();
        var raised = Apply(rows, customer, candidates, hits, actor, index, now);
        rows.AddTo(db);
        return raised;
    }

    /// <summary>As <see cref="Apply(BackOfficeDbContext, Customer, IReadOnlyList{ScreeningCandidate}, List{ScreeningHit}, Actor, ScreeningIndex, DateTime)"/>, the new rows into <paramref name="rows"/>.</summary>
    private static int Apply(ScreeningRows rows, Customer customer, IReadOnlyList<ScreeningCandidate> candidates, List<ScreeningHit> hits, Actor actor, ScreeningIndex index, DateTime now)
    {
        var raised = 0;
        foreach (var candidate in candidates)
        {
            var entry = candidate.Entry;
            if (hits.Any(h => h.ListName == entry.ListName && h.EntryId == entry.EntryId && h.EntryFingerprint == entry.Fingerprint && h.Status != ScreeningHitStatus.Withdrawn))
                continue;
            var version = index.Lists.First(l => l.ListName == entry.ListName).Version;
            var hit = new ScreeningHit
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = customer.Id,
                ListName = entry.ListName,
                ListVersion = version,
                EntryId = entry.EntryId,
                EntryFingerprint = entry.Fingerprint,
                MatchedName = Cut(candidate.MatchedName, 1000),
                WeakAlias = candidate.WeakAlias,
                Score = candidate.Score,
                EntryJson = JsonSerializer.Serialize(entry),
                RaisedAt = now,
                Status = ScreeningHitStatus.Open,
            };
            rows.Hits.Add(hit);
            hits.Add(hit);
            raised++;
            rows.Audits.Add(Audit(customer, CustomerAuditActions.ScreeningHitRaised, actor, now, Describe(hit), null));
        }

        var listed = index.Lists.Select(l => l.ListName).ToHashSet();
        foreach (var open in hits.Where(h => h.Status == ScreeningHitStatus.Open && listed.Contains(h.ListName)).ToList())
        {
            var stillMatches = candidates.Any(c => c.Entry.ListName == open.ListName && c.Entry.EntryId == open.EntryId && c.Entry.Fingerprint == open.EntryFingerprint);
            if (stillMatches) continue;
            open.Status = ScreeningHitStatus.Withdrawn;
            open.ResolvedAt = now;
            rows.Audits.Add(Audit(customer, CustomerAuditActions.ScreeningHitWithdrawn, actor, now, Describe(open), null));
        }

        customer.ScreeningStatus = StatusOf(hits);
        customer.ScreenedAt = now;
        rows.Audits.Add(Audit(customer, CustomerAuditActions.Screened, actor, now,
            Cut($"{customer.ScreeningStatus.ToDisplay()} against {SanctionsLists.Describe(index)}", 200), null));
        return raised;
    }

    internal static ScreeningStatus StatusOf(IEnumerable<ScreeningHit> hits)
    {
        var statuses = hits.Select(h => h.Status).ToList();
        return statuses.Contains(ScreeningHitStatus.ConfirmedMatch) ? ScreeningStatus.ConfirmedMatch
            : statuses.Contains(ScreeningHitStatus.Open) ? ScreeningStatus.PotentialMatch
            : ScreeningStatus.Clear;
    }

    internal static CustomerAuditEntry Audit(Customer customer, string action, Actor actor, DateTime at, string? detail, string? reason) => new()
    {
        CustomerId = customer.Id,
        Action = action,
        FromStatus = customer.Status,
        ToStatus = customer.Status,
        ActorId = actor.Id,
        ActorName = actor.Name,
        At = at,
        Detail = detail is null ? null : Cut(detail, 200),
        Reason = reason,
    };

    private static string Describe(ScreeningHit hit) => $"{hit.ListName} entry {hit.EntryId} “{hit.MatchedName}”, score {hit.Score}";

    private DateTime Now() => Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
