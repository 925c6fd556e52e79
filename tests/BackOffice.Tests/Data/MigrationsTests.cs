using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Data;

/// <summary>Runs on each engine in turn (test.sh runs the suite on SQLite, then on PostgreSQL).</summary>
public sealed class MigrationsTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task The_suite_runs_on_the_engine_it_says_it_runs_on()
    {
        // Guards the PostgreSQL pass against quietly testing SQLite a second time.
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(TestDatabaseEngine.IsPostgreSql, db.Database.IsNpgsql());
        Assert.Equal(!TestDatabaseEngine.IsPostgreSql, db.Database.IsSqlite());
    }

    [Fact]
    public async Task This_engines_migrations_are_all_applied_and_match_the_model()
    {
        // Each engine has its own migrations (SQLite in BackOffice.Core, PostgreSQL in BackOffice.Migrations.PostgreSql).
        // A model change with a migration for one engine only fails here on the other.
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration of this engine covers.");
    }

    [Fact]
    public async Task The_migrations_seed_one_zero_count_row_per_status()
    {
        // The kept counts are only ever incremented, so each status needs its row from the start.
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var rows = await db.CustomerStatusCounts.AsNoTracking().ToListAsync();

        Assert.Equal(Enum.GetValues<BackOffice.Core.Customers.CustomerStatus>().Order(), rows.Select(r => r.Status).Order());
        Assert.All(rows, row => Assert.Equal(0, row.Count));
    }
}
