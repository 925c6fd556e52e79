using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Customers;

public sealed class CustomerServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerService Customers => database.Customers;

    [Fact]
    public async Task Creates_a_pending_customer_with_normalised_fields_and_an_audit_entry()
    {
        var input = Samples.Customer(email: "  Ada.Lovelace@Example.COM ", zip: "sw1a 1aa", country: "gb");
        input.FirstName = "  Ada ";

        var result = await Customers.CreateAsync(input, TestDatabase.Agent);

        Assert.True(result.Succeeded, result.Message);
        var stored = await Customers.GetAsync(result.Value!.Id);
        Assert.NotNull(stored);
        Assert.Equal(7, stored.Id.Version);
        Assert.Equal("Ada", stored.FirstName);
        Assert.Equal("ada.lovelace@example.com", stored.Email);
        Assert.Equal("+447911123456", stored.Phone);
        Assert.Equal("GB", stored.BillingAddress.Country);
        Assert.Equal("SW1A 1AA", stored.BillingAddress.ZipCode);
        Assert.Null(stored.BillingAddress.Line2);
        Assert.Equal(CustomerStatus.PendingKyc, stored.Status);
        Assert.Equal(database.Clock.Now.UtcDateTime, stored.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Equal("Alex Agent", stored.CreatedByName);

        var audit = Assert.Single(await Customers.GetAuditTrailAsync(stored.Id));
        Assert.Equal(CustomerAuditActions.Created, audit.Action);
        Assert.Null(audit.FromStatus);
        Assert.Equal(CustomerStatus.PendingKyc, audit.ToStatus);
        Assert.Equal("agent-1", audit.ActorId);

        Assert.Equal(1, (await Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task Refuses_invalid_input_with_field_errors_and_stores_nothing()
    {
        var input = Samples.Customer();
        input.Email = "not-an-email";
        input.BillingAddress.ZipCode = "ABC";

        var result = await Customers.CreateAsync(input, TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal(["BillingAddress.ZipCode", "Email"], result.Errors.Keys.Order());
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task Refuses_a_duplicate_email_in_another_case_and_names_the_existing_customer()
    {
        var first = await Customers.CreateAsync(Samples.Customer(email: "ada@example.com"), TestDatabase.Agent);

        var second = await Customers.CreateAsync(Samples.Customer(email: " ADA@Example.com "), TestDatabase.OtherAgent);

        Assert.Equal(ServiceResultKind.Conflict, second.Kind);
        Assert.Equal(first.Value!.Id, second.ExistingCustomerId);
        Assert.Equal(["is already used by customer Ada Lovelace"], second.Errors["Email"]);
    }

    [Fact]
    public async Task Twenty_concurrent_creates_with_one_email_make_exactly_one_customer()
    {
        var attempts = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Customers.CreateAsync(Samples.Customer(email: i % 2 == 0 ? "race@example.com" : "RACE@example.com"), TestDatabase.Agent)));

        var results = await Task.WhenAll(attempts);

        var created = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(ServiceResultKind.Conflict, r.Kind);
            Assert.Equal(created.Value!.Id, r.ExistingCustomerId);
        });
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Email == "race@example.com"));
        Assert.Equal(1, (await Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Theory]
    [InlineData("Manager")]
    [InlineData("Compliance")]
    public async Task Refuses_creation_to_roles_that_do_not_onboard(string role)
    {
        var actor = role == "Manager" ? TestDatabase.Manager : TestDatabase.Compliance;
        var result = await Customers.CreateAsync(Samples.Customer(), actor);
        Assert.Equal(ServiceResultKind.Forbidden, result.Kind);
    }

    [Fact]
    public async Task Lists_newest_first_and_pages_every_matching_customer_exactly_once()
    {
        // 53 customers, several sharing a creation millisecond, a third of them approved.
        var ids = new List<Guid>();
        for (var i = 0; i < 53; i++)
        {
            if (i % 4 != 0) database.Clock.Advance(TimeSpan.FromSeconds(1));
            var created = await Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent);
            ids.Add(created.Value!.Id);
            if (i % 3 == 0) Assert.True((await database.Reviews.ApproveKycAsync(created.Value.Id, TestDatabase.Compliance)).Succeeded);
        }
        var pending = ids.Where((_, i) => i % 3 != 0).ToHashSet();

        var seen = new List<Customer>();
        Guid? after = null;
        var pages = 0;
        while (true)
        {
            var page = (await Customers.ListAsync(new CustomerListQuery { Status = CustomerStatus.PendingKyc, PageSize = 10, StartingAfter = after })).Value!;
            seen.AddRange(page.Items);
            pages++;
            if (!page.HasOlder) break;
            after = page.Items[^1].Id;
        }

        Assert.Equal(4, pages);
        Assert.Equal(pending.Count, seen.Count);
        Assert.Equal(pending.Order(), seen.Select(c => c.Id).Order());
        Assert.All(seen, c => Assert.Equal(CustomerStatus.PendingKyc, c.Status));
        var expectedOrder = seen.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id);
        Assert.Equal(expectedOrder, seen.Select(c => c.Id));
    }

    [Fact]
    public async Task Pages_back_towards_newer_customers_with_ending_before()
    {
        for (var i = 0; i < 12; i++)
        {
            database.Clock.Advance(TimeSpan.FromSeconds(1));
            await Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent);
        }
        var first = (await Customers.ListAsync(new CustomerListQuery { PageSize = 5 })).Value!;
        var second = (await Customers.ListAsync(new CustomerListQuery { PageSize = 5, StartingAfter = first.Items[^1].Id })).Value!;

        var back = (await Customers.ListAsync(new CustomerListQuery { PageSize = 5, EndingBefore = second.Items[0].Id })).Value!;

        Assert.Equal(first.Items.Select(c => c.Id), back.Items.Select(c => c.Id));
        Assert.False(back.HasNewer);
        Assert.True(back.HasOlder);
    }

    [Fact]
    public async Task Refuses_a_cursor_that_names_no_customer()
    {
        var result = await Customers.ListAsync(new CustomerListQuery { StartingAfter = Guid.CreateVersion7() });
        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
    }

    [Theory]
    [InlineData("ada", 2)]
    [InlineData("ADA", 2)]
    [InlineData("love", 1)]
    [InlineData("ada love", 1)]
    [InlineData("zoe", 1)]
    [InlineData("zoë", 1)]
    [InlineData("grace.h", 1)]
    [InlineData("grace.hopper@navy", 1)]
    [InlineData("nobody", 0)]
    [InlineData("da", 0)]
    public async Task Searches_by_name_or_email_prefix(string search, int expected)
    {
        await Create("Ada", "Lovelace", "ada@example.com");
        await Create("Ada", "Byron", "byron@example.com");
        await Create("Grace", "Hopper", "grace.hopper@navy.example");
        await Create("Zoë", "Šimić", "zs@example.com");

        var page = (await Customers.ListAsync(new CustomerListQuery { Search = search })).Value!;

        Assert.Equal(expected, page.Items.Count);
    }

    [Theory]
    [InlineData("\u0301")]
    [InlineData("q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q")]
    [InlineData("%_\\'\"; DROP TABLE customers; --")]
    [InlineData("ada\u0000")] // PostgreSQL refuses NUL in any text parameter
    public async Task Odd_searches_answer_with_a_page_instead_of_failing(string search)
    {
        await Create("Ada", "Lovelace", "ada@example.com");

        var result = await Customers.ListAsync(new CustomerListQuery { Search = search + new string('x', 5000) });

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!.Items);
    }

    [Fact]
    public async Task A_long_search_is_never_cut_through_the_middle_of_a_character()
    {
        await Create("Ada", "Lovelace", "ada@example.com");
        // 99 characters, then an emoji (two UTF-16 units) across the 100-character limit: a plain cut would leave half
        // of it, which PostgreSQL refuses as a parameter.
        var search = "ada@" + new string('a', CustomerListQuery.MaxSearchLength - 5) + "\U0001F600";

        var result = await Customers.ListAsync(new CustomerListQuery { Search = search });

        Assert.True(result.Succeeded, result.Message);
        Assert.Empty(result.Value!.Items);
    }

    [Fact]
    public async Task Finds_a_customer_by_pasting_their_id()
    {
        var target = await Create("Grace", "Hopper", "grace@example.com");
        await Create("Ada", "Lovelace", "ada@example.com");

        var page = (await Customers.ListAsync(new CustomerListQuery { Search = $" {target.Id} " })).Value!;

        Assert.Equal(target.Id, Assert.Single(page.Items).Id);
    }

    private async Task<Customer> Create(string first, string last, string email)
    {
        var input = Samples.Customer(email: email);
        input.FirstName = first;
        input.LastName = last;
        var result = await Customers.CreateAsync(input, TestDatabase.Agent);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task Work_before_the_commit_is_saved_with_the_customer_or_not_at_all()
    {
        // The API stores an Idempotency-Key's answer this way: in the customer's own transaction.
        var input = Samples.Customer(email: "atomic@example.com");

        await Assert.ThrowsAsync<TimeoutException>(() => Customers.CreateAsync(input, TestDatabase.Agent,
            (_, _, _) => throw new TimeoutException("the answer could not be stored")));

        Assert.Empty((await Customers.ListAsync(new CustomerListQuery { Search = "atomic@" })).Value!.Items);
        Assert.Equal(0, (await Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
        await using (var db = await database.DbFactory.CreateDbContextAsync())
            Assert.Equal(0, await db.CustomerAudit.CountAsync());

        var seenInside = false;
        var created = await Customers.CreateAsync(input, TestDatabase.Agent,
            async (db, customer, ct) => seenInside = await db.Customers.AnyAsync(c => c.Id == customer.Id, ct));
        Assert.True(created.Succeeded, created.Message);
        Assert.True(seenInside, "the hook runs inside the customer's transaction, where the new customer is already visible");
        Assert.Equal(1, (await Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }
}
