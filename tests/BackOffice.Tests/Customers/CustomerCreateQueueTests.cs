using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Customers;

/// <summary>
/// The group commit: creates that wait while a commit is on its way are committed together, each answered on its own.
/// A first create is held inside its commit (<see cref="HeldCommit"/>) so that the next ones are sure to queue up behind it.
/// </summary>
public sealed class CustomerCreateQueueTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerCreateQueue Queue => database.Services.GetRequiredService<CustomerCreateQueue>();

    [Fact]
    public async Task Creates_waiting_together_share_one_commit_and_a_duplicate_or_invalid_one_fails_alone()
    {
        await database.Customers.CreateAsync(Samples.Customer(email: "taken@example.com"), TestDatabase.Agent);
        var (held, gate) = await HeldCommit.StartAsync(Queue);
        var invalid = Samples.Customer(email: "invalid@example.com");
        invalid.BillingAddress.ZipCode = "ABC";

        var first = Queue.CreateAsync(Samples.Customer(email: "one@example.com"), TestDatabase.Agent);
        var taken = Queue.CreateAsync(Samples.Customer(email: "Taken@example.com"), TestDatabase.Agent);
        var bad = Queue.CreateAsync(invalid, TestDatabase.Agent);
        var twin = Queue.CreateAsync(Samples.Customer(email: "ONE@example.com"), TestDatabase.OtherAgent);
        var second = Queue.CreateAsync(Samples.Customer(email: "two@example.com"), TestDatabase.Agent);
        gate.SetResult();

        Assert.True((await held).Succeeded);
        var (one, two) = ((await first).Value!, (await second).Value!);
        Assert.Equal(CustomerService.EmailTaken, (await taken).Code);
        Assert.Equal(ServiceResultKind.Invalid, (await bad).Kind);
        Assert.Equal(CustomerService.EmailTaken, (await twin).Code);
        Assert.Equal(one.Id, (await twin).ExistingCustomerId);
        // One batch has one creation instant: the two that passed were committed together.
        Assert.Equal(one.CreatedAt, two.CreatedAt);
        Assert.NotNull(await database.Customers.GetAsync(one.Id));
        Assert.NotNull(await database.Customers.GetAsync(two.Id));
        Assert.Equal(4, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task A_create_whose_before_commit_throws_fails_alone_and_its_neighbours_are_committed()
    {
        var (held, gate) = await HeldCommit.StartAsync(Queue);

        var good = Queue.CreateAsync(Samples.Customer(email: "good@example.com"), TestDatabase.Agent);
        var failing = Queue.CreateAsync(Samples.Customer(email: "failing@example.com"), TestDatabase.Agent,
            (_, _, _) => throw new InvalidOperationException("the caller's own work failed"));
        var alsoGood = Queue.CreateAsync(Samples.Customer(email: "also.good@example.com"), TestDatabase.Agent);
        gate.SetResult();

        await held;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.True((await good).Succeeded);
        Assert.True((await alsoGood).Succeeded);
        var page = await database.Customers.ListAsync(new CustomerListQuery { Search = "failing@" });
        Assert.Empty(page.Value!.Items);
        Assert.Equal(3, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task Creates_committed_one_by_one_before_another_failed_are_answered_as_created()
    {
        // The batch meets a unique violation (as when another writer takes one of its emails after the check), so each
        // create is committed on its own, and the second then fails. The first was committed by then: it is answered as
        // created, not tried again and refused for its own email.
        var violated = 0;
        BeforeCommit<Customer> violateOnce = async (db, _, ct) =>
        {
            if (Interlocked.Exchange(ref violated, 1) == 1) return;
            db.CustomerStatusCounts.Add(new CustomerStatusCount { Status = CustomerStatus.PendingKyc }); // its key exists
            await db.SaveChangesAsync(ct);
        };
        var (held, gate) = await HeldCommit.StartAsync(Queue);

        var first = Queue.CreateAsync(Samples.Customer(email: "first@example.com"), TestDatabase.Agent, violateOnce);
        var failing = Queue.CreateAsync(Samples.Customer(email: "failing@example.com"), TestDatabase.Agent,
            (_, _, _) => throw new InvalidOperationException("the caller's own work failed"));
        var third = Queue.CreateAsync(Samples.Customer(email: "third@example.com"), TestDatabase.Agent);
        gate.SetResult();

        await held;
        var created = await first;
        Assert.True(created.Succeeded, created.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.True((await third).Succeeded);
        Assert.Equal(1, violated);
        Assert.Equal(3, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
        Assert.Equal(created.Value!.Id, (await database.Customers.ListAsync(new CustomerListQuery { Search = "first@" })).Value!.Items.Single().Id);
    }

    [Fact]
    public async Task A_create_withdrawn_before_its_commit_is_not_made()
    {
        var (held, gate) = await HeldCommit.StartAsync(Queue);
        using var withdraw = new CancellationTokenSource();

        var withdrawn = Queue.CreateAsync(Samples.Customer(email: "withdrawn@example.com"), TestDatabase.Agent, ct: withdraw.Token);
        withdraw.Cancel();
        gate.SetResult();

        await held;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        Assert.Equal(1, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }
}
