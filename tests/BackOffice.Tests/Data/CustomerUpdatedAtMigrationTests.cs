using BackOffice.Core;
using BackOffice.Core.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Data;

/// <summary>
/// A database from before <c>updated_at</c> (migrated up to ClaimedReviewsIndex) migrated to the end: each customer's
/// UpdatedAt is its last audited change (not a later review claim or wallet), or its creation if none was audited.
/// </summary>
public sealed class CustomerUpdatedAtMigrationTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "backoffice-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider services = null!;

    public ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestDatabaseEngine.Settings(folder)).Build();
        services = new ServiceCollection().AddBackOfficeCore(configuration, folder).BuildServiceProvider();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        TestDatabaseEngine.Delete(folder);
    }

    [Fact]
    public async Task Existing_customers_are_updated_at_their_last_audited_change_or_their_creation()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_ClaimedReviewsIndex", StringComparison.Ordinal)));
        var edited = Guid.NewGuid();
        var untouched = Guid.NewGuid();
        string Id(Guid id) => db.Database.IsNpgsql() ? id.ToString() : id.ToString().ToUpperInvariant(); // SQLite: upper-case text, as EF Core writes
        string At(string utc) => db.Database.IsNpgsql() ? utc + "+00" : utc;
        foreach (var id in new[] { edited, untouched })
        {
            var customer = $"""
                INSERT INTO customers ("Id", "FirstName", "LastName", "Email", "Phone", "Type", "Status", "CreatedAt", "CreatedById",
                    "CreatedByName", "FirstNameKey", "LastNameKey", "Version", billing_city, billing_country, billing_line1,
                    billing_state, billing_zip_code)
                VALUES ('{Id(id)}', 'Ada', 'Lovelace', '{id:N}@example.com', '+447911123456', 0, 0, '{At("2026-11-01 10:00:00")}', 'agent-1',
                    'Someone', 'ada', 'lovelace', 1, 'London', 'GB', '1 Main St', 'London', 'SW1A 1AA');
                """;
            await db.Database.ExecuteSqlRawAsync(customer);
        }
        foreach (var (action, at) in new[] { ("created", "2026-11-01 10:00:00"), ("edited", "2026-11-03 09:30:00"), ("review_claimed", "2026-11-04 08:00:00"), ("wallet_created", "2026-11-05 08:00:00") })
        {
            var entry = $"""
                INSERT INTO customer_audit ("CustomerId", "Action", "ToStatus", "ActorId", "ActorName", "At")
                VALUES ('{Id(edited)}', '{action}', 0, 'agent-1', 'Someone', '{At(at)}');
                """;
            await db.Database.ExecuteSqlRawAsync(entry);
        }

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        Assert.Equal(new DateTime(2026, 11, 3, 9, 30, 0, DateTimeKind.Utc), (await db.Customers.SingleAsync(c => c.Id == edited)).UpdatedAt);
        Assert.Equal(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), (await db.Customers.SingleAsync(c => c.Id == untouched)).UpdatedAt);
    }
}
