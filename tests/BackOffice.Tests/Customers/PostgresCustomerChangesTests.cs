using System.Collections.Concurrent;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Customers;

/// <summary>Two app instances on one PostgreSQL database. Runs only in test.sh's PostgreSQL pass (the trait).</summary>
[Trait("Engine", "PostgreSql")]
public sealed class PostgresCustomerChangesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TestDatabase database = new();
    private PostgresCustomerChanges first = default!;
    private PostgresCustomerChanges second = default!;

    public async ValueTask InitializeAsync()
    {
        if (!TestDatabaseEngine.IsPostgreSql) return; // each test then skips itself
        await database.InitializeAsync();
        first = new PostgresCustomerChanges(database.ConnectionString, NullLogger<PostgresCustomerChanges>.Instance);
        second = new PostgresCustomerChanges(database.ConnectionString, NullLogger<PostgresCustomerChanges>.Instance);
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        await Task.WhenAll(first.Listening, second.Listening).WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        if (!TestDatabaseEngine.IsPostgreSql) return;
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);
        first.Dispose();
        second.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_change_on_one_instance_reaches_the_pages_of_the_other_and_its_own_pages_once()
    {
        SkipUnlessPostgreSql();
        var seenBySecond = new TaskCompletionSource<CustomerChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seenByFirst = new ConcurrentQueue<CustomerChange>();
        using var onSecond = second.Subscribe(change => { seenBySecond.TrySetResult(change); return Task.CompletedTask; });
        using var onFirst = first.Subscribe(change => { seenByFirst.Enqueue(change); return Task.CompletedTask; });
        var change = new CustomerChange(Guid.NewGuid(), CustomerAuditActions.KycApproved, CustomerStatus.Active);

        first.Publish(change);

        Assert.Equal(change, await seenBySecond.Task.WaitAsync(Patience));
        // The notice also comes back to the instance that sent it, which must not hand it to its pages a second time.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal([change], seenByFirst.ToArray());
    }

    [Fact]
    public async Task Changes_saved_by_the_services_of_one_instance_reach_the_other()
    {
        SkipUnlessPostgreSql();
        var seen = new TaskCompletionSource<CustomerChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = second.Subscribe(change => { seen.TrySetResult(change); return Task.CompletedTask; });
        var services = new CustomerService(database.DbFactory, new NewCustomerValidator(), database.Clock, first);

        var created = await services.CreateAsync(Samples.Customer(), TestDatabase.Agent);

        Assert.True(created.Succeeded, created.Message);
        Assert.Equal(new CustomerChange(created.Value!.Id, CustomerAuditActions.Created, CustomerStatus.PendingKyc), await seen.Task.WaitAsync(Patience));
    }

    private static void SkipUnlessPostgreSql() =>
        Assert.SkipUnless(TestDatabaseEngine.IsPostgreSql, "PostgreSQL only: test.sh runs it in its PostgreSQL pass (BACKOFFICE_TEST_POSTGRES).");
}
