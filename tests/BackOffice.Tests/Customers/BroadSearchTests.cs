using BackOffice.Core.Customers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Customers;

/// <summary>
/// A search that matches thousands of customers (on SQLite answered by walking the newest-first index instead of the
/// name indexes) gives the same pages, newest first, as any other search; a rare one beyond the walked rows is still found.
/// </summary>
public sealed class BroadSearchTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly List<Customer> lovelaces = [];

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        // One Grace Hopper, oldest, then more Lovelaces than a search on SQLite walks (5,000) before it asks the indexes.
        var grace = Samples.Customer();
        (grace.FirstName, grace.LastName) = ("Grace", "Hopper");
        await database.Customers.CreateAsync(grace, TestDatabase.Agent);
        for (var batch = 0; batch < 10; batch++)
        {
            database.Clock.Advance(TimeSpan.FromSeconds(1));
            var results = await database.Customers.CreateManyAsync(
                Enumerable.Range(0, 520).Select(_ => new CustomerToCreate(Samples.Customer(), TestDatabase.Agent)).ToList());
            lovelaces.AddRange(results.Select(r => r.Value!));
        }
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private List<Guid> NewestFirst(IEnumerable<Customer> customers) =>
        customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id.ToString()).Select(c => c.Id).ToList();

    [Theory]
    [InlineData("lov")]
    [InlineData("ada lovelace")]
    [InlineData("L")]
    public async Task A_broad_search_pages_newest_first_through_every_match(string search)
    {
        var first = (await database.Customers.ListAsync(new CustomerListQuery { Search = search, PageSize = 100 })).Value!;
        var second = (await database.Customers.ListAsync(new CustomerListQuery { Search = search, PageSize = 100, StartingAfter = first.Items[^1].Id })).Value!;

        var expected = NewestFirst(lovelaces);
        Assert.Equal(expected.Take(100), first.Items.Select(c => c.Id));
        Assert.Equal(expected.Skip(100).Take(100), second.Items.Select(c => c.Id));
        Assert.True(first.HasOlder);
    }

    [Fact]
    public async Task A_rare_match_older_than_the_walked_rows_is_found_through_the_name_index()
    {
        var page = (await database.Customers.ListAsync(new CustomerListQuery { Search = "grace hop" })).Value!;

        Assert.Equal("Hopper", Assert.Single(page.Items).LastName);
    }
}
