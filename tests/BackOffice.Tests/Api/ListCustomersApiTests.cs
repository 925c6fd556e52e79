using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>GET /api/v1/customers: newest first, status filter, limit, and a starting_after cursor across pages.</summary>
public sealed class ListCustomersApiTests : IAsyncLifetime
{
    private readonly BackOfficeApp app = new();
    private HttpClient api = default!;
    private readonly List<string> createdNewestFirst = [];

    public async ValueTask InitializeAsync()
    {
        app.Start();
        api = app.ApiClient();
        for (var i = 0; i < 25; i++)
        {
            var response = await api.PostCustomerAsync(ApiBodies.Customer());
            createdNewestFirst.Insert(0, (await response.JsonAsync()).Id());
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string[] Ids(JsonObject page) => page["data"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Pages_walk_every_customer_newest_first_without_gaps_or_repeats()
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        while (true)
        {
            var response = await api.GetAsync($"/api/v1/customers?limit=10{(cursor is null ? "" : $"&starting_after={cursor}")}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            var ids = Ids(page);
            seen.AddRange(ids);
            pages++;
            if (!page["has_more"]!.GetValue<bool>()) break;
            Assert.Equal(10, ids.Length);
            cursor = ids[^1];
        }

        Assert.Equal(3, pages);
        Assert.Equal(createdNewestFirst, seen);
    }

    [Fact]
    public async Task The_default_limit_is_20()
    {
        var page = await (await api.GetAsync("/api/v1/customers")).JsonAsync();
        Assert.Equal(createdNewestFirst.Take(20), Ids(page));
        Assert.True(page["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Status_filters_the_list()
    {
        var compliance = await app.ActorAsync(Roles.Compliance);
        var approved = Guid.Parse(createdNewestFirst[5]);
        Assert.True((await app.Reviews.ApproveKycAsync(approved, compliance)).Succeeded);

        var active = await (await api.GetAsync("/api/v1/customers?status=active")).JsonAsync();
        var pending = await (await api.GetAsync("/api/v1/customers?status=pending_kyc&limit=100")).JsonAsync();

        Assert.Equal([approved.ToString()], Ids(active));
        Assert.Equal("active", active["data"]![0]!["status"]!.GetValue<string>());
        Assert.False(active["has_more"]!.GetValue<bool>());
        Assert.Equal(24, Ids(pending).Length);
        Assert.DoesNotContain(approved.ToString(), Ids(pending));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=approved", "status")]
    [InlineData("starting_after=42", "starting_after")]
    [InlineData("starting_after=019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e", "starting_after")]
    public async Task Bad_query_values_are_422_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await api.GetAsync($"/api/v1/customers?{query}")).ProblemAsync(422);
        Assert.Equal([parameter], problem.ErrorKeys());
    }
}
