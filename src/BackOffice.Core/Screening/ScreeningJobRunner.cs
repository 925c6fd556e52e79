using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Screening;

/// <summary>
/// Re-screens every customer when a list changes: in batches by customer id, each batch matched on every core and
/// written in one transaction together with the job's progress, so that a restart carries on after the last batch.
/// </summary>
public sealed class ScreeningJobRunner(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    SanctionsLists lists,
    ScreeningJobs jobs,
    ScreeningService screening,
    IOptions<ScreeningOptions> options,
    TimeProvider clock,
    ICustomerChanges changes,
    ILogger<ScreeningJobRunner> logger) : BackgroundService
{
    /// <summary>Who the audit trail names for screenings nobody asked for by hand.</summary>
    public static readonly Actor System = Actor.Create("system:screening", "Sanctions screening");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lists.Loaded.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunNextAsync(stoppingToken))
                    await jobs.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Re-screening failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    /// <summary>Runs the oldest unfinished job to its end; false when there is none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        Guid jobId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var job = await db.ScreeningJobs.Where(j => j.CompletedAt == null).OrderBy(j => j.RequestedAt).FirstOrDefaultAsync(ct);
            if (job is null) return false;
            jobId = job.Id;
            job.StartedAt ??= Now();
            job.Total = job.OnlyNotScreened
                ? await db.Customers.LongCountAsync(c => c.ScreeningStatus == ScreeningStatus.NotScreened, ct) + job.Done
                : await db.Customers.LongCountAsync(ct);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Re-screening {Total} customers: {Reason}", job.Total, job.Reason);
        }
        while (await RunBatchAsync(jobId, ct)) { }
        return true;
    }

    /// <summary>Screens the next batch of the job; false when the job is done (or was restarted by a newer list change).</summary>
    public async Task<bool> RunBatchAsync(Guid jobId, CancellationToken ct)
    {
        var index = lists.Index;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var job = await db.ScreeningJobs.FirstAsync(j => j.Id == jobId, ct);
        if (job.CompletedAt is not null) return false;
        var now = Now();
        if (index.EntryCount == 0)
        {
            job.CompletedAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return false;
        }

        IQueryable<Customer> query = db.Customers.AsNoTracking();
        if (job.OnlyNotScreened) query = query.Where(c => c.ScreeningStatus == ScreeningStatus.NotScreened);
        if (job.AfterCustomerId is { } after) query = query.Where(c => c.Id.CompareTo(after) > 0);
        var batch = await query.OrderBy(c => c.Id).Take(Math.Max(1, options.Value.RescreenBatchSize))
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Type, c.BillingAddress.Country, c.Status })
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            job.CompletedAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Re-screening done: {Done} customers, {Matches} with potential matches", job.Done, job.PotentialMatches);
            return false;
        }

        var results = new IReadOnlyList<ScreeningCandidate>[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct },
            i => results[i] = screening.Match(index, batch[i].FirstName, batch[i].LastName, batch[i].Type, batch[i].Country));

        var ids = batch.Select(c => c.Id).ToList();
        var hits = (await db.ScreeningHits.Where(h => ids.Contains(h.CustomerId)).ToListAsync(ct)).ToLookup(h => h.CustomerId);
        var clear = new List<Guid>();
        var involved = new List<Guid>();
        for (var i = 0; i < batch.Count; i++)
            (results[i].Count == 0 && !hits[batch[i].Id].Any() ? clear : involved).Add(batch[i].Id);

        // Most customers match nothing and never did: one UPDATE for all of them, and their audit rows.
        if (clear.Count > 0)
        {
            await db.Customers.Where(c => clear.Contains(c.Id))
                // A change like any other (Customer.Changed): a new version and updated_at.
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ScreeningStatus, ScreeningStatus.Clear).SetProperty(c => c.ScreenedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1).SetProperty(c => c.UpdatedAt, now), ct);
            var detail = Cut($"{ScreeningStatus.Clear.ToDisplay()} against {SanctionsLists.Describe(index)}");
            foreach (var c in batch.Where(c => clear.Contains(c.Id)))
            {
                db.CustomerAudit.Add(new CustomerAuditEntry
                {
                    CustomerId = c.Id, Action = CustomerAuditActions.Screened, FromStatus = c.Status, ToStatus = c.Status,
                    ActorId = System.Id, ActorName = System.Name, At = now, Detail = detail,
                });
            }
        }

        var changed = new List<Customer>();
        if (involved.Count > 0)
        {
            var customers = await db.Customers.Where(c => involved.Contains(c.Id)).ToListAsync(ct);
            foreach (var customer in customers)
            {
                var before = customer.ScreeningStatus;
                var i = ids.IndexOf(customer.Id);
                ScreeningService.Apply(db, customer, results[i], hits[customer.Id].ToList(), System, index, now);
                customer.Changed(now);
                if (customer.ScreeningStatus != before) changed.Add(customer);
                if (customer.ScreeningStatus == ScreeningStatus.PotentialMatch) job.PotentialMatches++;
            }
        }

        job.Done += batch.Count;
        job.AfterCustomerId = batch[^1].Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var customer in changed) changes.Publish(new CustomerChange(customer.Id, CustomerAuditActions.Screened, customer.Status));
        return true;
    }

    private DateTime Now() => Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);

    private static string Cut(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
