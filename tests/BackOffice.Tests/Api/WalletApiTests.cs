using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>POST /api/v1/wallets and GET /api/v1/customers/{id}/wallets: one test per status code, plus idempotency and races.</summary>
public sealed class WalletApiTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private readonly HttpClient api = app.ApiClient();

    private async Task<string> CustomerAsync(bool active = true)
    {
        var id = (await (await api.PostCustomerAsync(ApiBodies.Customer())).JsonAsync()).Id();
        if (active) Assert.True((await app.Reviews.ApproveKycAsync(Guid.Parse(id), await app.ActorAsync(Roles.Compliance))).Succeeded);
        return id;
    }

    private Task<HttpResponseMessage> PostWalletAsync(object body, string? idempotencyKey = null) =>
        api.PostRawAsync("/api/v1/wallets", ApiBodies.Json(body), idempotencyKey);

    [Fact]
    public async Task An_active_customer_gets_a_wallet_with_a_decimal_zero_balance()
    {
        var customerId = await CustomerAsync();

        var response = await PostWalletAsync(new { customer_id = customerId, currency = "usd" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"balance\":\"0.00\"", text); // a string, never a JSON number
        var wallet = JsonNode.Parse(text)!["data"]!;
        Assert.Equal(customerId, wallet["customer_id"]!.GetValue<string>());
        Assert.Equal("USD", wallet["currency"]!.GetValue<string>());
        Assert.Equal("active", wallet["status"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", wallet["created_at"]!.GetValue<string>());
        Assert.Equal(7, Guid.Parse(wallet["id"]!.GetValue<string>()).Version);
    }

    [Fact]
    public async Task A_customer_who_is_not_active_is_409_customer_not_active()
    {
        var customerId = await CustomerAsync(active: false);

        var problem = await (await PostWalletAsync(new { customer_id = customerId, currency = "USD" })).ProblemAsync(409);

        Assert.Equal("customer_not_active", problem["code"]!.GetValue<string>());
        Assert.EndsWith("/customer_not_active", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_wallet_in_one_currency_is_409_wallet_exists()
    {
        var customerId = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostWalletAsync(new { customer_id = customerId, currency = "EUR" })).StatusCode);

        var problem = await (await PostWalletAsync(new { customer_id = customerId, currency = "EUR" })).ProblemAsync(409);

        Assert.Equal("wallet_exists", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_creations_in_one_currency_give_one_201_and_the_rest_409()
    {
        var customerId = await CustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostWalletAsync(new { customer_id = customerId, currency = "CHF" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var list = await (await api.GetAsync($"/api/v1/customers/{customerId}/wallets")).JsonAsync();
        Assert.Single(list["data"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_customer_is_404()
    {
        var problem = await (await PostWalletAsync(new { customer_id = Guid.CreateVersion7(), currency = "USD" })).ProblemAsync(404);
        Assert.Equal("not_found", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("XYZ", "currency")]
    [InlineData("EURO", "currency")]
    public async Task An_unknown_currency_is_422(string currency, string field)
    {
        var customerId = await CustomerAsync();
        var problem = await (await PostWalletAsync(new { customer_id = customerId, currency })).ProblemAsync(422);
        Assert.Equal([field], problem.ErrorKeys());
    }

    [Fact]
    public async Task A_customer_id_that_is_not_a_uuid_or_not_a_string_is_422()
    {
        Assert.Equal(["customer_id"], (await (await PostWalletAsync(new { customer_id = "42", currency = "USD" })).ProblemAsync(422)).ErrorKeys());
        Assert.Equal(["customer_id"], (await (await PostWalletAsync(new { customer_id = 42, currency = "USD" })).ProblemAsync(422)).ErrorKeys());
    }

    [Fact]
    public async Task Missing_fields_are_400_listing_both()
    {
        var problem = await (await api.PostRawAsync("/api/v1/wallets", "{\"currency\": \"  \"}")).ProblemAsync(400);
        Assert.Equal(["currency", "customer_id"], problem.ErrorKeys());
        await (await api.PostRawAsync("/api/v1/wallets", "not json")).ProblemAsync(400);
    }

    [Fact]
    public async Task A_huge_wallet_body_is_413()
    {
        var problem = await (await api.PostRawAsync("/api/v1/wallets", $"{{\"currency\": \"{new string('U', 100_000)}\"}}")).ProblemAsync(413);
        Assert.Equal("request_too_large", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wallets_need_an_API_key()
    {
        var anonymous = app.ApiClient(apiKey: null);
        await (await anonymous.PostRawAsync("/api/v1/wallets", "{}")).ProblemAsync(401);
        await (await anonymous.GetAsync($"/api/v1/customers/{Guid.CreateVersion7()}/wallets")).ProblemAsync(401);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_wallet()
    {
        var customerId = await CustomerAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PostWalletAsync(new { customer_id = customerId, currency = "SEK" }, key);
        var retry = await PostWalletAsync(new { customer_id = customerId, currency = "SEK" }, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        var mismatch = await PostWalletAsync(new { customer_id = customerId, currency = "NOK" }, key);
        Assert.Equal("idempotency_key_reused", (await mismatch.ProblemAsync(422))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_list_shows_a_suspended_customers_wallets_as_suspended()
    {
        var customerId = await CustomerAsync();
        await PostWalletAsync(new { customer_id = customerId, currency = "USD" });
        await PostWalletAsync(new { customer_id = customerId, currency = "JPY" });

        var before = await (await api.GetAsync($"/api/v1/customers/{customerId}/wallets")).JsonAsync();
        await app.Reviews.SuspendAsync(Guid.Parse(customerId), await app.ActorAsync(Roles.Compliance), "Chargeback investigation");
        var after = await (await api.GetAsync($"/api/v1/customers/{customerId}/wallets")).JsonAsync();

        Assert.Equal(["active", "active"], before["data"]!.AsArray().Select(w => w!["status"]!.GetValue<string>()));
        var balances = before["data"]!.AsArray().ToDictionary(w => w!["currency"]!.GetValue<string>(), w => w!["balance"]!.GetValue<string>());
        Assert.Equal("0.00", balances["USD"]);
        Assert.Equal("0", balances["JPY"]);
        Assert.False(before["has_more"]!.GetValue<bool>());
        Assert.Equal(["suspended", "suspended"], after["data"]!.AsArray().Select(w => w!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Listing_the_wallets_of_an_unknown_customer_is_404()
    {
        await (await api.GetAsync($"/api/v1/customers/{Guid.CreateVersion7()}/wallets")).ProblemAsync(404);
    }
}
