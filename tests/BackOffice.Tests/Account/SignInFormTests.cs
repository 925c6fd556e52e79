using System.Net;
using System.Text.RegularExpressions;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Account;

/// <summary>The sign-in form posted as a browser would, against the running app (on either database engine).</summary>
public sealed partial class SignInFormTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private Task<HttpResponseMessage> PostSignInAsync(string email, string password) =>
        PostSignInAsync(NewBrowserLikeClient(app.BaseUrl), email, password);

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    internal static HttpClient NewBrowserLikeClient(string baseUrl, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    /// <summary>Fetches the sign-in form (for its antiforgery token and cookie) and posts it.</summary>
    internal static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [Fact]
    public async Task The_right_password_signs_in()
    {
        var user = BackOfficeApp.Users[0];

        var response = await PostSignInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(new Uri(app.BaseUrl), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task An_email_with_a_control_character_is_told_wrong_email_or_password()
    {
        var response = await PostSignInAsync("agent\u0001@test.local", "whatever");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", page);
    }

    [Fact]
    public async Task An_email_with_a_NUL_is_refused_without_a_server_error()
    {
        // PostgreSQL refuses NUL in a lookup; the form reader answers 400 before the page runs, so it never gets there.
        var errorsBefore = app.LoggedErrors.Count;

        var response = await PostSignInAsync("agent@test.local\u0000", "whatever");

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}\n{string.Join("\n", app.LoggedErrors)}");
        Assert.Equal(errorsBefore, app.LoggedErrors.Count);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
