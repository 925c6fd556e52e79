using BackOffice.Core;
using BackOffice.Core.Data;
using BackOffice.Core.Partners;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Data;

/// <summary>
/// A database from before partners existed (migrated up to Documents, with an API key and customers in it) migrated to
/// the end: the key and the customers it created belong to the "Default partner"; staff-created customers to none.
/// </summary>
public sealed class PartnersMigrationTests : IAsyncLifetime
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
    public async Task API_keys_and_the_customers_they_created_move_to_the_default_partner()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_Documents", StringComparison.Ordinal)));
        var keyId = Guid.NewGuid();
        var byKey = Guid.NewGuid();
        var byStaff = Guid.NewGuid();
        var at = db.Database.IsNpgsql() ? "2026-11-01 10:00:00+00" : "2026-11-01 10:00:00";
        // SQLite keeps ids as upper-case text, as EF Core writes them.
        string Id(Guid id) => db.Database.IsNpgsql() ? id.ToString() : id.ToString().ToUpperInvariant();
        var key = $"""
            INSERT INTO api_keys ("Id", "Name", "NameKey", "Prefix", "SecretHash", "CreatedAt", "CreatedByName")
            VALUES ('{Id(keyId)}', 'Old key', 'old key', 'bo_old', '{new string('0', 64)}', '{at}', 'Ada Admin');
            """;
        await db.Database.ExecuteSqlRawAsync(key);
        foreach (var (id, createdBy) in new[] { (byKey, $"api-key:{keyId}"), (byStaff, "agent-1") })
        {
            var customer = $"""
                INSERT INTO customers ("Id", "FirstName", "LastName", "Email", "Phone", "Type", "Status", "CreatedAt", "CreatedById",
                    "CreatedByName", "FirstNameKey", "LastNameKey", "Version", billing_city, billing_country, billing_line1,
                    billing_state, billing_zip_code)
                VALUES ('{Id(id)}', 'Ada', 'Lovelace', '{id:N}@example.com', '+447911123456', 0, 0, '{at}', '{createdBy}',
                    'Someone', 'ada', 'lovelace', 1, 'London', 'GB', '1 Main St', 'London', 'SW1A 1AA');
                """;
            await db.Database.ExecuteSqlRawAsync(customer);
        }

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        Assert.Equal(Partner.DefaultName, (await db.Partners.SingleAsync(p => p.Id == Partner.DefaultId)).Name);
        Assert.Equal(Partner.DefaultId, (await db.ApiKeys.SingleAsync(k => k.Id == keyId)).PartnerId);
        Assert.Equal(Partner.DefaultId, (await db.Customers.SingleAsync(c => c.Id == byKey)).PartnerId);
        Assert.Null((await db.Customers.SingleAsync(c => c.Id == byStaff)).PartnerId);
    }
}
