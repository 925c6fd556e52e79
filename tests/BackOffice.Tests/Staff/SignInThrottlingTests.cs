using System.Net;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Staff;

/// <summary>Sign-in attempts per client IP address are limited (besides the per-account lockout): 429 with Retry-After.</summary>
public sealed class SignInThrottlingTests
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429_with_Retry_After()
    {
        await using var app = new BackOfficeApp(folder: null, new Dictionary<string, string> { ["Security:SignInAttemptsPerIpPerMinute"] = "3" });
        app.Start();
        var client = AccountForms.NewClient(app.BaseUrl);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await AccountForms.SignInAsync(client, $"nobody{i}@test.local", "not a password at all"));

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        // Reading pages is not throttled, and the right password would not get through either until the window ends.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        var agent = BackOfficeApp.Users[0];
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AccountForms.SignInAsync(client, agent.Email, agent.Password)).StatusCode);
    }
}
