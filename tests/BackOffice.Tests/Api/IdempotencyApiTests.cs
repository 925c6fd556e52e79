using System.Net;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Api;

/// <summary>Idempotency-Key: replay, mismatch, concurrency, one namespace per API key, and survival across a restart.</summary>
public sealed class IdempotencyApiTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private readonly HttpClient api = app.ApiClient();

    private async Task<int> CountWithEmailAsync(string email) =>
        (await app.Customers.ListAsync(new CustomerListQuery { Search = email, PageSize = 10 })).Value!.Items.Count;

    [Fact]
    public async Task The_answer_a_retry_will_replay_is_stored_by_the_time_the_201_is_sent()
    {
        // Stored in the customer's own transaction: there is no moment when the customer exists and its answer does not.
        var key = Guid.NewGuid().ToString();

        var response = await api.PostCustomerAsync(ApiBodies.Customer(), key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
        var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == key);
        Assert.Equal(201, record.StatusCode);
        Assert.Equal(await response.Content.ReadAsStringAsync(), record.ResponseBody);
        Assert.Equal(response.Headers.Location?.OriginalString, record.Location);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var body = ApiBodies.Customer();

        var first = await api.PostCustomerAsync(body, key);
        var retry = await api.PostCustomerAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await CountWithEmailAsync(body["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_error_answer_is_replayed_too()
    {
        var key = Guid.NewGuid().ToString();
        var body = ApiBodies.Customer();
        body["email"] = "not-an-email";

        var first = await api.PostCustomerAsync(body, key);
        var retry = await api.PostCustomerAsync(body, key);

        var firstProblem = await first.ProblemAsync(422);
        var retryProblem = await retry.ProblemAsync(422);
        Assert.Equal(firstProblem.ToJsonString(), retryProblem.ToJsonString());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_idempotency_key_reused()
    {
        var key = Guid.NewGuid().ToString();
        var first = ApiBodies.Customer();
        Assert.Equal(HttpStatusCode.Created, (await api.PostCustomerAsync(first, key)).StatusCode);

        var other = ApiBodies.Customer();
        var problem = await (await api.PostCustomerAsync(other, key)).ProblemAsync(422);

        Assert.Equal("idempotency_key_reused", problem["code"]!.GetValue<string>());
        Assert.EndsWith("/idempotency_key_reused", problem["type"]!.GetValue<string>());
        Assert.Equal(0, await CountWithEmailAsync(other["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_at_most_one_customer_and_all_get_its_id()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = Guid.NewGuid().ToString();
            var body = ApiBodies.Customer();

            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostCustomerAsync(body, key)));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Id()));
            Assert.Single(ids.Distinct());
            Assert.Equal(1, await CountWithEmailAsync(body["email"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Each_API_key_has_its_own_idempotency_keys()
    {
        var admin = await app.ActorAsync(Roles.Admin);
        var otherPartner = app.ApiClient((await app.ApiKeys.CreateAsync($"Other partner {Guid.NewGuid():N}", admin)).Value!.Secret);
        var key = Guid.NewGuid().ToString();

        var mine = await api.PostCustomerAsync(ApiBodies.Customer(), key);
        var theirs = await otherPartner.PostCustomerAsync(ApiBodies.Customer(), key);

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual((await mine.JsonAsync()).Id(), (await theirs.JsonAsync()).Id());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)] // 256 characters, see below
    [InlineData("retry\u0001key")] // control characters would be stored
    public async Task A_blank_or_too_long_key_is_400(string? key)
    {
        key ??= new string('k', 256);
        var body = ApiBodies.Customer();
        var problem = await (await api.PostCustomerAsync(body, key)).ProblemAsync(400);
        Assert.Equal("invalid_idempotency_key", problem["code"]!.GetValue<string>());
        Assert.Equal(0, await CountWithEmailAsync(body["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Two_idempotency_key_headers_are_400()
    {
        // Two separate header lines (HttpClient would join them into one), so over a raw connection.
        var uri = new Uri(app.BaseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var body = ApiBodies.Customer().ToJsonString();
        var request = "POST /api/v1/customers HTTP/1.1\r\n" +
                      $"Host: {uri.Authority}\r\nAuthorization: Bearer {BackOfficeApp.ApiKeySecret}\r\n" +
                      "Idempotency-Key: one\r\nIdempotency-Key: two\r\nConnection: close\r\n" +
                      $"Content-Type: application/json\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        await tcp.GetStream().WriteAsync(System.Text.Encoding.UTF8.GetBytes(request));
        var response = await new StreamReader(tcp.GetStream()).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("invalid_idempotency_key", response);
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted()
    {
        var response = await api.PostCustomerAsync(ApiBodies.Customer(), new string('k', 254) + Guid.NewGuid().ToString("N")[..1]);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

/// <summary>Keys are stored in the database: a retry after a restart still replays.</summary>
public sealed class IdempotencyRestartTests
{
    [Fact]
    public async Task A_retry_after_a_restart_replays_the_first_response()
    {
        var folder = BackOfficeApp.NewFolder();
        try
        {
            var key = Guid.NewGuid().ToString();
            var body = ApiBodies.Customer();
            string firstBody;
            await using (var before = new BackOfficeApp(folder, settings: null))
            {
                before.Start();
                var first = await before.ApiClient().PostCustomerAsync(body, key);
                Assert.Equal(HttpStatusCode.Created, first.StatusCode);
                firstBody = await first.Content.ReadAsStringAsync();
            }

            await using var after = new BackOfficeApp(folder, settings: null);
            after.Start();
            var retry = await after.ApiClient().PostCustomerAsync(body, key);

            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
            var page = await after.Customers.ListAsync(new CustomerListQuery { Search = body["email"]!.GetValue<string>() });
            Assert.Single(page.Value!.Items);
        }
        finally
        {
            BackOfficeApp.DeleteFolder(folder);
        }
    }
}
