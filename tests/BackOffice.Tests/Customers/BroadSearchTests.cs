using BackOffice.Core.Customers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Customers;

/// <summary>
/// Searches that match thousands of customers over several months give the same pages, newest first, as sorting every
/// match would: SQLite reads them ten days at a time, PostgreSQL walks the newest rows or sorts when the matches are old.
/// </summary>
public sealed class BroadSearchTests(BroadSearchTests.Customers data) : IClassFixture<BroadSearchTests.Customers>
{
    /// <summary>
    /// 2,100 Hoppers, oldest, then 5,200 Lovelaces and 40 Lee Leesons (who match "lee" by first name, last name and
    /// email alike), in batches eleven days apart: about eight months, with batches in every ten days of a month (the
    /// 30th and 31st too) and each batch one instant, so that ids break the ties. More Lovelaces than PostgreSQL's walk
    /// (5,000) reads before it sorts.
    /// </summary>
    public sealed class Customers : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();
        public List<Customer> All { get; } = [];

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            for (var batch = 0; batch < 3; batch++) await AddAsync(700, "Grace", "Hopper");
            for (var batch = 0; batch < 10; batch++)
            {
                await AddAsync(520, "Ada", "Lovelace");
                await AddAsync(4, "Lee", "Leeson", email: n => $"lee.leeson.{batch}.{n}@example.com");
            }
        }

        private async Task AddAsync(int size, string firstName, string lastName, Func<int, string>? email = null)
        {
            Database.Clock.Advance(TimeSpan.FromDays(11));
            var results = await Database.Customers.CreateManyAsync(Enumerable.Range(0, size).Select(n =>
            {
                var input = Samples.Customer(email?.Invoke(n));
                (input.FirstName, input.LastName) = (firstName, lastName);
                return new CustomerToCreate(input, TestDatabase.Agent);
            }).ToList());
            All.AddRange(results.Select(r => r.Value!));
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>What the search should find, worked out the slow way: every customer tested, then all sorted.</summary>
    private List<Guid> Expected(Func<Customer, bool> matches) =>
        data.All.Where(matches).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id.ToString()).Select(c => c.Id).ToList();

    private static bool Starts(string value, string prefix) => value.StartsWith(prefix, StringComparison.Ordinal);

    public static TheoryData<string> Searches => ["lov", "ada lovelace", "L", "lee", "hop", "grace h"];

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_broad_search_pages_newest_first_through_every_match(string search)
    {
        var terms = search.ToLowerInvariant().Split(' ');
        var expected = Expected(c =>
            (Starts(c.FirstNameKey, terms[0]) || Starts(c.LastNameKey, terms[0]) || Starts(c.Email, terms[0]))
            && terms.Skip(1).All(t => Starts(c.FirstNameKey, t) || Starts(c.LastNameKey, t)));
        Assert.True(expected.Count >= 40);

        var found = new List<Guid>();
        var query = new CustomerListQuery { Search = search, PageSize = CustomerListQuery.MaxPageSize };
        for (var pages = 0; pages < 100; pages++)
        {
            var older = (await data.Database.Customers.ListAsync(query)).Value!;
            found.AddRange(older.Items.Select(c => c.Id));
            if (!older.HasOlder) break;
            query = query with { StartingAfter = older.Items[^1].Id };
        }

        Assert.Equal(expected, found);

        // And back again, page by page, from the oldest page (the last query's) to the first.
        var back = new List<Guid>();
        var page = (await data.Database.Customers.ListAsync(query)).Value!;
        back.InsertRange(0, page.Items.Select(c => c.Id));
        for (var pages = 0; pages < 100 && page.HasNewer; pages++)
        {
            page = (await data.Database.Customers.ListAsync(query with { StartingAfter = null, EndingBefore = page.Items[0].Id })).Value!;
            back.InsertRange(0, page.Items.Select(c => c.Id));
        }
        Assert.Equal(expected, back);
        Assert.Equal(expected.Count, await data.Database.Customers.CountAsync(new CustomerListQuery { Search = search }));
    }

    [Fact]
    public async Task A_customer_who_matches_by_every_key_is_listed_once()
    {
        var lees = Expected(c => c.FirstName == "Lee");

        var page = (await data.Database.Customers.ListAsync(new CustomerListQuery { Search = "lee", PageSize = 25 })).Value!;

        Assert.Equal(lees.Take(25), page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task A_selective_search_beside_broad_ones_finds_its_few()
    {
        var hopper = data.All.Where(c => c.LastName == "Hopper").ElementAt(1234);

        var page = (await data.Database.Customers.ListAsync(new CustomerListQuery { Search = hopper.Email })).Value!;

        Assert.Equal(hopper.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task A_broad_search_within_dates_keeps_to_them()
    {
        var times = data.All.Select(c => c.CreatedAt).Distinct().Order().ToList();
        var (after, before) = (times[4], times[9]); // the second to the fourth Lovelace batch, with their Lee Leesons
        var expected = Expected(c => c.LastName == "Lovelace" && c.CreatedAt > after && c.CreatedAt <= before);

        var page = (await data.Database.Customers.ListAsync(new CustomerListQuery { Search = "lov", CreatedAfter = after, CreatedBefore = before, PageSize = 100 })).Value!;

        Assert.Equal(3 * 520, expected.Count);
        Assert.Equal(expected.Take(100), page.Items.Select(c => c.Id));
    }
}
