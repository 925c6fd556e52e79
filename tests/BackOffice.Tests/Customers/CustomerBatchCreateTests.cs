using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Customers;

/// <summary>Several creates in one transaction (the group commit and the import): each item is answered on its own.</summary>
public sealed class CustomerBatchCreateTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerService Customers => database.Customers;

    [Fact]
    public async Task A_batch_answers_each_item_in_order_and_a_bad_item_never_fails_its_neighbours()
    {
        var existing = await Customers.CreateAsync(Samples.Customer(email: "taken@example.com"), TestDatabase.Agent);
        var invalid = Samples.Customer(email: "bad@example.com");
        invalid.BillingAddress.ZipCode = "ABC";

        var results = await Customers.CreateManyAsync([
            new(Samples.Customer(email: "first@example.com"), TestDatabase.Agent),
            new(Samples.Customer(email: " TAKEN@example.com"), TestDatabase.Agent),
            new(invalid, TestDatabase.Agent),
            new(Samples.Customer(email: "First@Example.com"), TestDatabase.OtherAgent),
            new(Samples.Customer(email: "manager@example.com"), TestDatabase.Manager),
            new(Samples.Customer(email: "second@example.com"), TestDatabase.Agent),
        ]);

        Assert.Equal(
            [ServiceResultKind.Succeeded, ServiceResultKind.Conflict, ServiceResultKind.Invalid, ServiceResultKind.Conflict, ServiceResultKind.Forbidden, ServiceResultKind.Succeeded],
            results.Select(r => r.Kind));
        Assert.Equal(existing.Value!.Id, results[1].ExistingCustomerId);
        Assert.Equal(results[0].Value!.Id, results[3].ExistingCustomerId); // the earlier item of the batch holds the email
        Assert.Equal(["BillingAddress.ZipCode"], results[2].Errors.Keys);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(["first@example.com", "second@example.com", "taken@example.com"], (await db.Customers.Select(c => c.Email).ToListAsync()).Order());
        Assert.Equal(3, await db.CustomerAudit.CountAsync(a => a.Action == CustomerAuditActions.Created));
        Assert.Equal(3, (await Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task The_source_of_an_imported_customer_is_kept_in_its_creation_audit_entry()
    {
        var results = await Customers.CreateManyAsync([new(Samples.Customer(), TestDatabase.Agent, Source: "imported from old-crm.csv by Alex Agent")]);

        var audit = Assert.Single(await Customers.GetAuditTrailAsync(results[0].Value!.Id));
        Assert.Equal("imported from old-crm.csv by Alex Agent", audit.Detail);
    }

    [Fact]
    public async Task Work_before_the_commit_runs_for_each_created_customer_in_the_same_transaction()
    {
        var seen = new List<Guid>();
        BeforeCommit<Customer> record = (_, customer, _) => { seen.Add(customer.Id); return Task.CompletedTask; };

        var results = await Customers.CreateManyAsync([
            new(Samples.Customer(email: "a@example.com"), TestDatabase.Agent, record),
            new(Samples.Customer(email: "b@example.com"), TestDatabase.Agent),
            new(Samples.Customer(email: "c@example.com"), TestDatabase.Agent, record),
        ]);

        Assert.Equal([results[0].Value!.Id, results[2].Value!.Id], seen);
    }

    [Fact]
    public async Task A_failure_before_the_commit_saves_nothing_of_the_batch()
    {
        BeforeCommit<Customer> fail = (_, _, _) => throw new InvalidOperationException("the answer could not be stored");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Customers.CreateManyAsync([
            new(Samples.Customer(email: "a@example.com"), TestDatabase.Agent),
            new(Samples.Customer(email: "b@example.com"), TestDatabase.Agent, fail),
        ]));

        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.Equal(0, (await Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }
}
