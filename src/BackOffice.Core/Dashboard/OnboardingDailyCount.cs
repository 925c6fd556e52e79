using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Dashboard;

/// <summary>
/// One UTC day of onboarding: customers created (by type) and KYC decisions. Kept as changes happen, in the same
/// transaction, so the dashboard's charts read 30 small rows instead of scanning a million customers.
/// </summary>
public sealed class OnboardingDailyCount
{
    public DateOnly Day { get; init; }
    public long CreatedIndividual { get; init; }
    public long CreatedBusiness { get; init; }
    public long KycApproved { get; init; }
    public long KycRejected { get; init; }
}

public sealed class OnboardingDailyCountConfiguration : IEntityTypeConfiguration<OnboardingDailyCount>
{
    public void Configure(EntityTypeBuilder<OnboardingDailyCount> count)
    {
        count.ToTable("onboarding_daily_counts");
        count.HasKey(c => c.Day);
        count.Property(c => c.Day).HasColumnName("day");
        count.Property(c => c.CreatedIndividual).HasColumnName("created_individual");
        count.Property(c => c.CreatedBusiness).HasColumnName("created_business");
        count.Property(c => c.KycApproved).HasColumnName("kyc_approved");
        count.Property(c => c.KycRejected).HasColumnName("kyc_rejected");
    }
}

/// <summary>Adds to <see cref="OnboardingDailyCount"/>; call inside the transaction that makes the change.</summary>
public static class DailyCounts
{
    /// <summary>Customers created together at <paramref name="at"/> (a batch): one upsert for all of them.</summary>
    internal static Task CustomersCreatedAsync(BackOfficeDbContext db, DateTime at, IReadOnlyCollection<Customer> customers, CancellationToken ct)
    {
        var individual = customers.Count(c => c.Type == CustomerType.Individual);
        return AddAsync(db, at, individual, business: customers.Count - individual, approved: 0, rejected: 0, ct);
    }

    internal static Task KycDecidedAsync(BackOfficeDbContext db, DateTime at, bool approved, CancellationToken ct) =>
        AddAsync(db, at, individual: 0, business: 0, approved: approved ? 1 : 0, rejected: approved ? 0 : 1, ct);

    // An upsert that both SQLite and PostgreSQL understand.
    private static Task AddAsync(BackOfficeDbContext db, DateTime at, int individual, int business, int approved, int rejected, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO onboarding_daily_counts (day, created_individual, created_business, kyc_approved, kyc_rejected)
            VALUES ({DateOnly.FromDateTime(at)}, {individual}, {business}, {approved}, {rejected})
            ON CONFLICT (day) DO UPDATE SET
                created_individual = onboarding_daily_counts.created_individual + excluded.created_individual,
                created_business = onboarding_daily_counts.created_business + excluded.created_business,
                kyc_approved = onboarding_daily_counts.kyc_approved + excluded.kyc_approved,
                kyc_rejected = onboarding_daily_counts.kyc_rejected + excluded.kyc_rejected
            """, ct);

    /// <summary>
    /// Counts from scratch, for bulk loads (seeding, benchmarks) that bypass the services. Grouped in the database,
    /// one row per day; it reads every customer, so it is never run per request.
    /// </summary>
    public static async Task RecountAsync(BackOfficeDbContext db, CancellationToken ct = default)
    {
        var created = await db.Customers.GroupBy(c => c.CreatedAt.Date)
            .Select(g => new { Day = g.Key, Individuals = g.LongCount(c => c.Type == CustomerType.Individual), Businesses = g.LongCount(c => c.Type == CustomerType.Business) })
            .ToListAsync(ct);
        var decided = await db.CustomerAudit
            .Where(e => e.Action == CustomerAuditActions.KycApproved || e.Action == CustomerAuditActions.KycRejected)
            .GroupBy(e => e.At.Date)
            .Select(g => new { Day = g.Key, Approved = g.LongCount(e => e.Action == CustomerAuditActions.KycApproved), Rejected = g.LongCount(e => e.Action == CustomerAuditActions.KycRejected) })
            .ToListAsync(ct);

        await db.OnboardingDailyCounts.ExecuteDeleteAsync(ct);
        db.OnboardingDailyCounts.AddRange(created.Select(c => c.Day).Union(decided.Select(d => d.Day)).Distinct().Select(day => new OnboardingDailyCount
        {
            Day = DateOnly.FromDateTime(day),
            CreatedIndividual = created.FirstOrDefault(c => c.Day == day)?.Individuals ?? 0,
            CreatedBusiness = created.FirstOrDefault(c => c.Day == day)?.Businesses ?? 0,
            KycApproved = decided.FirstOrDefault(d => d.Day == day)?.Approved ?? 0,
            KycRejected = decided.FirstOrDefault(d => d.Day == day)?.Rejected ?? 0,
        }));
        await db.SaveChangesAsync(ct);
    }
}
