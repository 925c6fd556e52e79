using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BackOffice.Tests.Data;

public sealed class DatabaseSetupTests
{
    private static void Setup(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddBackOfficeDatabase(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath());

    [Fact]
    public void An_unknown_provider_is_refused_at_start_up_naming_the_ones_that_work()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Setup(new() { ["Database:Provider"] = "Oracle" }));

        Assert.Contains("'Oracle' is not supported", error.Message);
        Assert.Contains("PostgreSql", error.Message);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_says_which_setting_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Setup(new() { ["Database:Provider"] = "postgresql" }));

        Assert.Contains("ConnectionStrings:BackOffice", error.Message);
    }

    [Fact]
    public void Pages_hear_of_changes_in_process_on_SQLite_and_through_LISTEN_NOTIFY_on_PostgreSQL()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestDatabaseEngine.Settings(Path.GetTempPath())).Build();
        using var services = new ServiceCollection().AddLogging().AddCustomerChanges(configuration).BuildServiceProvider();

        var changes = services.GetRequiredService<ICustomerChanges>();

        Assert.IsType(TestDatabaseEngine.IsPostgreSql ? typeof(PostgresCustomerChanges) : typeof(InProcessCustomerChanges), changes);
        // On PostgreSQL the same instance is the hosted service that listens.
        Assert.Equal(TestDatabaseEngine.IsPostgreSql, services.GetServices<IHostedService>().Any(hosted => ReferenceEquals(hosted, changes)));
    }

    [Fact]
    [Trait("Engine", "Sqlite")] // a SQLite setting; PostgreSQL syncs each commit by default (test.sh leaves it out of that pass)
    public async Task SQLite_commits_are_durable_through_a_power_cut_with_synchronous_FULL()
    {
        if (TestDatabaseEngine.IsPostgreSql) Assert.Skip("A SQLite setting; PostgreSQL syncs each commit by default.");
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var db = await database.DbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        Assert.Equal(2L, await command.ExecuteScalarAsync()); // 2 = FULL
    }
}
