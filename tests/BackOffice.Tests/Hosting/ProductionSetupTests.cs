using System.Net;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Hosting;

/// <summary>Security headers, deny-by-default authorization, and what changes behind a TLS proxy outside Development.</summary>
public sealed class ProductionSetupTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_eval_and_the_other_security_headers()
    {
        using var client = Client();
        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
        // The import map is the page's only inline script, and it carries the response's nonce.
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\b(src|nonce)=)[^>]*>", html);
        if (html.Contains("importmap")) Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(html));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_api_docs_page_has_its_own_policy_and_documents_keep_theirs()
    {
        using var client = Client();
        var docs = await client.GetAsync("/api/docs/");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var csp = string.Join(";", docs.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task Only_the_endpoints_that_say_so_are_anonymous()
    {
        using var client = Client();

        var page = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        var api = await client.GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/customers/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/documents/{Guid.NewGuid()}")).StatusCode);

        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var fallback = await policies.GetFallbackPolicyAsync();
        Assert.Contains(fallback!.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);

        // Every endpoint that allows anonymous callers is one of these on purpose.
        string[] anonymous = ["account/login", "account/set-password", "account/access-denied", "not-found", "error", "health", "api/docs", "openapi/", "_framework/", "_content/", "_blazor"];
        var open = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? "")
            .Where(p => !p.Contains('.') && !anonymous.Any(a => p.StartsWith(a, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Empty(open);
    }
}

/// <summary>The app outside Development, behind a proxy that terminates TLS.</summary>
public sealed class BehindProxyTests : IAsyncLifetime
{
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string>
    {
        ["environment"] = "Staging",
        ["Api:PublicDocs"] = "",
    });

    public ValueTask InitializeAsync() { app.Start(); return ValueTask.CompletedTask; }
    public ValueTask DisposeAsync() => app.DisposeAsync();

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };

    [Fact]
    public async Task Behind_a_tls_proxy_sends_hsts_and_only_secure_host_prefixed_cookies()
    {
        using var client = Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "backoffice.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, c => c.StartsWith("__Host-BackOffice.Antiforgery=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_docs_are_for_signed_in_staff_unless_configured_public()
    {
        using var client = Client();

        var document = await client.GetAsync("/openapi/v1.json");
        var docs = await client.GetAsync("/api/docs/");

        Assert.Equal(HttpStatusCode.Redirect, document.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, docs.StatusCode);
    }
}
