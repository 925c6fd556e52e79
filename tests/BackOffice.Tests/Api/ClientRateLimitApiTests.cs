using System.Net;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>
/// Requests without a valid key are limited per client address (here 3 a minute), so guessing keys is slow; every
/// answer says which limit applies and what is left of it (IETF RateLimit-Policy and RateLimit headers).
/// </summary>
public sealed class ClientRateLimitApiTests : IAsyncLifetime
{
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string>
    {
        ["Api:UnauthenticatedRateLimitPerMinute"] = "3",
        ["Api:RateLimitPerMinute"] = "50",
    });

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task StartWellInsideAMinuteAsync()
    {
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 60;
        if (second >= 50) await Task.Delay(TimeSpan.FromSeconds(61 - second));
    }

    [Fact]
    public async Task Guessing_keys_from_one_address_is_429_after_the_limit_while_a_valid_key_carries_on()
    {
        await StartWellInsideAMinuteAsync();
        var guesser = app.ApiClient("bo_guessed_key_000000000000000000000");

        for (var i = 0; i < 3; i++)
            await (await guesser.GetAsync("/api/v1/customers?limit=1")).ProblemAsync(401);
        var limited = await guesser.GetAsync("/api/v1/customers?limit=1");

        var problem = await limited.ProblemAsync(429);
        Assert.Equal("rate_limited", problem["code"]!.GetValue<string>());
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Equal("\"client\";q=3;w=60", limited.Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"client\";r=0;t=", limited.Headers.GetValues("RateLimit").Single());

        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient().GetAsync("/api/v1/customers?limit=1")).StatusCode);
    }

    [Fact]
    public async Task Every_answer_says_which_limit_applies_and_what_is_left()
    {
        await StartWellInsideAMinuteAsync();
        var api = app.ApiClient();

        var first = await api.GetAsync("/api/v1/customers?limit=1");
        var second = await api.PostCustomerAsync(ApiBodies.Customer());

        Assert.Equal("\"api-key\";q=50;w=60", first.Headers.GetValues("RateLimit-Policy").Single());
        var remainingFirst = Remaining(first);
        Assert.Equal(remainingFirst - 1, Remaining(second));
        var reset = int.Parse(second.Headers.GetValues("RateLimit").Single().Split(";t=")[1]);
        Assert.InRange(reset, 1, 60);
    }

    private static int Remaining(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("RateLimit").Single().Split(";r=")[1].Split(';')[0]);
}
