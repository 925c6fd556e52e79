using BackOffice.Core.Customers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Customers;

/// <summary>
/// Searches that match thousands of customers (answered by walking the newest rows of the list's index, or, when the
/// matches are all old, by sorting them) give the same pages, newest first, as any other search.
/// </summary>
public sealed class BroadSearchTests(BroadSearchTests.Customers data) : IClassFixture<BroadSearchTests.Customers>
{
    /// <summary>2,100 Hoppers, oldest, then 5,200 Lovelaces: more than a search walks (5,000) before it sorts instead.</summary>
    public sealed class Customers : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();
        public List<Customer> Hoppers { get; } = [];
        public List<Customer> Lovelaces { get; } = [];

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            await AddAsync(Hoppers, 3, 700, "Grace", "Hopper");
            await AddAsync(Lovelaces, 10, 520, "Ada", "Lovelace");
        }

        private async Task AddAsync(List<Customer> into, int batches, int size, string firstName, string lastName)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                Database.Clock.Advance(TimeSpan.FromSeconds(1));
                var results = await Database.Customers.CreateManyAsync(Enumerable.Range(0, size).Select(_ =>
                {
                    var input = Samples.Customer();
                    (input.FirstName, input.LastName) = (firstName, lastName);
                    return new CustomerToCreate(input, TestDatabase.Agent);
                }).ToList());
                into.AddRange(results.Select(r => r.Value!));
            }
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static List<Guid> NewestFirst(IEnumerable<Customer> customers) =>
        customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id.ToString()).Select(c => c.Id).ToList();

    [Theory]
    [InlineData("lov")]
    [InlineData("ada lovelace")]
    [InlineData("L")]
    [InlineData("hop")] // 2,100 matches, none among the newest 5,000 customers
    public async Task A_broad_search_pages_newest_first_through_every_match(string search)
    {
        var first = (await data.Database.Customers.ListAsync(new CustomerListQuery { Search = search, PageSize = 100 })).Value!;
        var second = (await data.Database.Customers.ListAsync(new CustomerListQuery { Search = search, PageSize = 100, StartingAfter = first.Items[^1].Id })).Value!;

        var expected = NewestFirst(search == "hop" ? data.Hoppers : data.Lovelaces);
        Assert.Equal(expected.Take(100), first.Items.Select(c => c.Id));
        Assert.Equal(expected.Skip(100).Take(100), second.Items.Select(c => c.Id));
        Assert.True(first.HasOlder);
    }

    [Fact]
    public async Task A_selective_search_beside_broad_ones_finds_its_few()
    {
        var hopper = data.Hoppers[1234];

        var page = (await data.Database.Customers.ListAsync(new CustomerListQuery { Search = hopper.Email })).Value!;

        Assert.Equal(hopper.Id, Assert.Single(page.Items).Id);
    }
}
