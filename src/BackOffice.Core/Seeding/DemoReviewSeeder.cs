using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Documents;
using BackOffice.Core.Identity;
using BackOffice.Core.Notes;
using BackOffice.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Seeding;

/// <summary>
/// A claimed review and an internal note, so that a first run shows them: the demo compliance officer claims the
/// newest pending customer whose documents wait for review, and the demo agent leaves a note on it. Through the real
/// services, once (nothing happens when any note exists).
/// </summary>
public static class DemoReviewSeeder
{
    public static async Task SeedAsync(IDbContextFactory<BackOfficeDbContext> dbFactory, ReviewClaimService claims, CustomerNoteService notes,
        Actor agent, Actor reviewer, CancellationToken ct = default)
    {
        Guid? customerId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.CustomerNotes.AnyAsync(ct)) return;
            customerId = await db.Customers.AsNoTracking()
                .Where(c => c.Status == CustomerStatus.PendingKyc
                    && db.CustomerDocuments.Any(d => d.CustomerId == c.Id && d.Status == DocumentStatus.Received))
                .OrderByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        }
        if (customerId is not { } id) return;
        await notes.AddAsync(id, "Customer called: the utility bill is in her partner's name; a tenancy agreement will follow.", agent, ct);
        await claims.ClaimAsync(id, reviewer, ct: ct);
    }
}
