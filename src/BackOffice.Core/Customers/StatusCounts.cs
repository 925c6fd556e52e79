using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Customers;

/// <summary>Keeps <see cref="CustomerStatusCount"/> in step; call inside the transaction that makes the change.</summary>
internal static class StatusCounts
{
    // Plain SQL that both SQLite and PostgreSQL understand: ExecuteUpdate translates its expression on every call,
    // which cost a group commit more than the update itself.
    public static Task AddAsync(BackOfficeDbContext db, CustomerStatus status, long delta, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE customer_status_counts SET \"Count\" = \"Count\" + {delta} WHERE \"Status\" = {(int)status}", ct);

    /// <summary>
    /// One customer moved from one status to another. The two rows are always updated in the same order (by status),
    /// so that on PostgreSQL, where row locks are taken as rows are updated, a suspension and a reinstatement running
    /// at once cannot each hold the row the other needs (a deadlock).
    /// </summary>
    public static async Task MoveAsync(BackOfficeDbContext db, CustomerStatus from, CustomerStatus to, CancellationToken ct)
    {
        foreach (var (status, delta) in new[] { (from, -1L), (to, +1L) }.OrderBy(change => change.Item1))
            await AddAsync(db, status, delta, ct);
    }

    /// <summary>Counts from scratch; for bulk loads (seeding) that bypass the services.</summary>
    public static async Task RecountAsync(BackOfficeDbContext db, CancellationToken ct)
    {
        var actual = await db.Customers.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        foreach (var status in Enum.GetValues<CustomerStatus>())
        {
            var count = actual.FirstOrDefault(a => a.Status == status)?.Count ?? 0;
            await db.CustomerStatusCounts.Where(c => c.Status == status).ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, count), ct);
        }
    }
}
