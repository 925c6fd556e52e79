using System.Net;
using System.Text.RegularExpressions;

namespace BackOffice.Tests.Staff;

/// <summary>The account pages' forms posted as a browser would: fetch the page for its antiforgery token, then post.</summary>
public static partial class AccountForms
{
    public static HttpClient NewClient(string baseUrl, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, IDictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        if (handler.Length > 0) form["_handler"] = handler;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostAsync(client, "/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> EnterCodeAsync(HttpClient client, string code) =>
        PostAsync(client, "/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });

    /// <summary>Posts a form of the app's layout (sign out, sign out everywhere) with the token of a page that shows it.</summary>
    public static Task<HttpResponseMessage> PostLayoutFormAsync(HttpClient client, string path) =>
        PostAsync(client, path, "", new Dictionary<string, string>(), formPage: "/account/two-factor");

    public static string? Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
