using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Core.Screening;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    [Trait("Engine", "Sqlite")] // on PostgreSQL a batch is written by SaveChanges itself
    public async Task On_SQLite_a_batch_writes_exactly_the_rows_SaveChanges_would()
    {
        // The real lists in force and a listed name: the batch writes a customer, its Created entry, screening hits and
        // the screening's audit entries.
        await using var screened = new BackOffice.Tests.Screening.ScreeningDatabase();
        await screened.InitializeAsync();
        var services = screened.Database.Services;
        var partner = await services.GetRequiredService<BackOffice.Core.Partners.PartnerService>().CreateAsync("Acme Payments", TestDatabase.Admin);
        var listed = Samples.Customer(email: "batch@example.com");
        (listed.FirstName, listed.LastName) = ("Ayman", "al-Zawahiri");
        listed.BillingAddress.Line2 = "Floor 2";
        var apiKey = Actor.Create("key-1", "Acme key", Roles.ApiClient) with { PartnerId = partner.Value!.Id };
        var created = (await screened.Database.Customers.CreateManyAsync([new(listed, apiKey, Source: "imported")]))[0].Value!;

        // The same rows again, written by SaveChanges under other keys.
        await using var db = await screened.Database.DbFactory.CreateDbContextAsync();
        var copy = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == created.Id);
        var copyId = Guid.CreateVersion7();
        Set(copy, nameof(Customer.Id), copyId);
        copy.Email = "copy@example.com";
        db.Customers.Add(copy);
        foreach (var entry in await db.CustomerAudit.AsNoTracking().Where(a => a.CustomerId == created.Id).OrderBy(a => a.Id).ToListAsync())
            db.CustomerAudit.Add(Set(Set(entry, nameof(CustomerAuditEntry.Id), 0L), nameof(CustomerAuditEntry.CustomerId), copyId));
        var hits = await db.ScreeningHits.AsNoTracking().Where(h => h.CustomerId == created.Id).OrderBy(h => h.Id).ToListAsync();
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
            db.ScreeningHits.Add(Set(Set(hit, nameof(ScreeningHit.Id), Guid.CreateVersion7()), nameof(ScreeningHit.CustomerId), copyId));
        await db.SaveChangesAsync();

        string Of(Guid id) => id.ToString().ToUpperInvariant();
        Assert.Equal(await RawRowsAsync(db, "customers", $"\"Id\" = '{Of(created.Id)}'", except: ["Id", "Email"]),
                     await RawRowsAsync(db, "customers", $"\"Id\" = '{Of(copyId)}'", except: ["Id", "Email"]));
        var entries = await RawRowsAsync(db, "customer_audit", $"\"CustomerId\" = '{Of(created.Id)}'", except: ["Id", "CustomerId"]);
        Assert.Equal(hits.Count + 2, entries.Count); // created, each hit raised, screened
        Assert.Equal(entries, await RawRowsAsync(db, "customer_audit", $"\"CustomerId\" = '{Of(copyId)}'", except: ["Id", "CustomerId"]));
        Assert.Equal((await RawRowsAsync(db, "screening_hits", $"\"CustomerId\" = '{Of(created.Id)}'", except: ["Id", "CustomerId"])).Order(),
                     (await RawRowsAsync(db, "screening_hits", $"\"CustomerId\" = '{Of(copyId)}'", except: ["Id", "CustomerId"])).Order());
    }

    /// <summary>Sets an init-only property, as EF Core does when it reads a row.</summary>
    private static T Set<T>(T entity, string property, object value)
    {
        typeof(T).GetProperty(property)!.SetValue(entity, value);
        return entity;
    }

    /// <summary>The rows <paramref name="where"/> selects, as SQLite stores them: quote() shows each value's type (text, integer, blob, null) too.</summary>
    private static async Task<List<string>> RawRowsAsync(BackOffice.Core.Data.BackOfficeDbContext db, string table, string where, string[] except)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        }
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Except(except).Select(c => $"'{c}=' || quote(\"{c}\")"))} FROM \"{table}\" WHERE {where} ORDER BY rowid";
        var rows = new List<string>();
        await using (var reader = await select.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
