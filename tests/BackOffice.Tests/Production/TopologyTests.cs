using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOffice.Tests.Api;
using BackOffice.Tests.Browser;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Production;

/// <summary>
/// The published build behind nginx (TLS, two instances, sticky sessions) that tests/production/topology.sh starts.
/// Only that script runs these (the other test passes leave this namespace out); it passes the address and the
/// instances' process ids in BACKOFFICE_TOPOLOGY_* variables.
/// </summary>
public sealed class TopologyTests
{
    private static string Setting(string name) =>
        Environment.GetEnvironmentVariable($"BACKOFFICE_TOPOLOGY_{name}") ?? throw new InvalidOperationException($"Run by tests/production/topology.sh (BACKOFFICE_TOPOLOGY_{name} is not set).");

    private static readonly Uri Base = new(Setting("URL"));

    private static HttpClient Client(bool apiKey = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // nginx listens on loopback only; the name resolves there as it does in the browser.
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, // the throwaway self-signed certificate
        };
        var client = new HttpClient(handler) { BaseAddress = Base };
        if (apiKey) client.DefaultRequestHeaders.Authorization = new("Bearer", Setting("API_KEY"));
        return client;
    }

    [Fact]
    public async Task Through_nginx_responses_carry_hsts_csp_and_only_secure_cookies()
    {
        using var client = Client();
        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-BackOffice.Antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        // Plain HTTP from outside never reaches a page: the app redirects to HTTPS (here nginx only listens with TLS).
        var asset = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
    }

    [Fact]
    public async Task A_customer_created_by_the_api_and_approved_in_the_browser_survives_the_loss_of_the_instance_holding_the_circuit()
    {
        // By the API, through nginx.
        using var api = Client(apiKey: true);
        var created = await api.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer(email: $"topology.{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    $"--host-resolver-rules=MAP {Base.Host} 127.0.0.1"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Base.ToString(), IgnoreHTTPSErrors = true });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await BrowserFixture.WithScreenshotOnFailure(page, "topology", async () =>
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("#email", Setting("USER"));
            await page.FillAsync("#password", Setting("PASSWORD"));
            await page.ClickAsync("button[type=submit]");
            await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 20_000 });

            var response = await page.GotoAsync($"/customers/{id}");
            var instance = response!.Headers["x-upstream"];
            await BrowserFixture.WaitForCircuitAsync(page);
            await page.ClickAsync("[data-testid=approve-kyc]");
            await Expect(page.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Active");

            // The instance holding this browser's circuit dies without a goodbye.
            var pid = Setting("INSTANCES").Split(',').Select(i => i.Split('=')).Single(i => i[0] == instance)[1];
            var reloaded = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Url.Contains($"/customers/{id}"), new() { Timeout = 90_000 });
            Process.GetProcessById(int.Parse(pid)).Kill();

            // Blazor's reconnection reaches the other instance, which does not know the circuit, so the page reloads
            // there, still signed in (the data-protection keys are shared through the database); the next action works.
            var after = await reloaded;
            Assert.NotEqual(instance, after.Headers["x-upstream"]);
            await BrowserFixture.WaitForCircuitAsync(page);
            await page.ClickAsync("[data-testid=suspend]");
            await page.FillAsync("#decision-reason", "Topology check");
            await page.ClickAsync("[data-testid=confirm-decision]");
            await Expect(page.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Suspended");
        });

        // Nothing acknowledged was lost: the API sees the approval and the suspension.
        var customer = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        Assert.Equal("suspended", customer.GetProperty("data").GetProperty("status").GetString());
    }
}
