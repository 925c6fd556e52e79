using BackOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Data;

/// <summary>Reading a customer in order to change it, inside the caller's transaction.</summary>
internal static class CustomerLocks
{
    /// <summary>
    /// The customer, held until the transaction ends, so that concurrent changes to one customer take turns. SQLite's
    /// write transactions (IMMEDIATE) already take turns; on PostgreSQL the row is locked with FOR UPDATE. Without the
    /// lock, two dozen wallet creations at once kept invalidating each other's version check and gave up.
    /// </summary>
    public static async Task<Customer?> FindForUpdateAsync(this BackOfficeDbContext db, Guid id, CancellationToken ct)
    {
        // Lock first, then read through EF as usual (FromSql cannot map the billing address's columns).
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM customers WHERE "Id" = {id} FOR UPDATE""", ct);
        return await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
    }
}
