using System.Net;
using System.Net.Http.Headers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>Every API call needs a valid key: missing, malformed, unknown and revoked keys get 401 with WWW-Authenticate: Bearer.</summary>
public sealed class ApiAuthenticationTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("bo_test_partner_key_0123456789abcdefghij")] // the right secret without the scheme
    [InlineData("Bearer bo_unknown_key_00000000000000000000")]
    [InlineData("Bearer not-even-our-format")]
    public async Task Missing_malformed_and_unknown_keys_are_401_with_a_bearer_challenge(string? authorization)
    {
        var client = app.ApiClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = new StringContent(ApiBodies.Customer().ToJsonString()) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(401);
        Assert.Equal("unauthorized", problem["code"]!.GetValue<string>());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (authorization is not null) Assert.Contains("invalid_token", challenge.Parameter);
    }

    [Fact]
    public async Task Reads_need_a_key_too()
    {
        var client = app.ApiClient(apiKey: null);
        await (await client.GetAsync("/api/v1/customers")).ProblemAsync(401);
        await (await client.GetAsync($"/api/v1/customers/{Guid.CreateVersion7()}")).ProblemAsync(401);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var admin = await app.ActorAsync(Core.Identity.Roles.Admin);
        var issued = (await app.ApiKeys.CreateAsync($"Short-lived partner {Guid.NewGuid():N}", admin)).Value!;
        var client = app.ApiClient(issued.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/customers?limit=1")).StatusCode);

        await app.ApiKeys.RevokeAsync(issued.Key.Id, admin);

        var response = await client.GetAsync("/api/v1/customers?limit=1");
        var problem = await response.ProblemAsync(401);
        Assert.Contains("revoked", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostCustomerAsync(ApiBodies.Customer())).StatusCode);
    }

    [Fact]
    public async Task Using_a_key_records_when_it_was_last_used()
    {
        var admin = await app.ActorAsync(Core.Identity.Roles.Admin);
        var issued = (await app.ApiKeys.CreateAsync($"Partner {Guid.NewGuid():N}", admin)).Value!;
        Assert.Null((await app.ApiKeys.ListAsync()).Single(k => k.Id == issued.Key.Id).LastUsedAt);

        await app.ApiClient(issued.Secret).GetAsync("/api/v1/customers?limit=1");

        Assert.NotNull((await app.ApiKeys.ListAsync()).Single(k => k.Id == issued.Key.Id).LastUsedAt);
    }
}
