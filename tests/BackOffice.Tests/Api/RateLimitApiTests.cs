using System.Net;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>Past the per-key limit (here 3 a minute) the API answers 429 with Retry-After; other keys are unaffected.</summary>
public sealed class RateLimitApiTests : IAsyncLifetime
{
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string> { ["Api:RateLimitPerMinute"] = "3" });

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_request_past_the_limit_gets_429_with_retry_after_and_other_keys_carry_on()
    {
        var admin = await app.ActorAsync(Roles.Admin);
        var otherPartner = app.ApiClient((await app.ApiKeys.CreateAsync("Other partner", admin)).Value!.Secret);
        var api = app.ApiClient();
        // Windows are clock minutes: start well inside one, so that all four calls fall into the same window.
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 60;
        if (second >= 55) await Task.Delay(TimeSpan.FromSeconds(61 - second));

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/customers?limit=1")).StatusCode);

        var limited = await api.PostCustomerAsync(ApiBodies.Customer());

        var problem = await limited.ProblemAsync(429);
        Assert.Equal("rate_limited", problem["code"]!.GetValue<string>());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        // Windows are clock minutes: come back when the next minute starts.
        var untilNextMinute = 60 - DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 60;
        Assert.InRange(retryAfter.Value.TotalSeconds, untilNextMinute - 2, untilNextMinute + 1);

        Assert.Equal(HttpStatusCode.OK, (await otherPartner.GetAsync("/api/v1/customers?limit=1")).StatusCode);
    }
}
