using System.Text;
using System.Text.RegularExpressions;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>Two people at once: what one does shows up on the other's open pages; exports download what the list shows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveUpdatesAndExportTests(BrowserFixture fixture)
{
    // "Within a second" plus the time a shared CI machine may need to render.
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 3000 };

    [Fact]
    public async Task A_customer_created_by_an_agent_appears_on_a_managers_open_list_and_dashboard_without_reload()
    {
        var manager = await fixture.SignedInPageAsync(Roles.Manager);
        await manager.GotoAsync("/customers?status=pending_kyc");
        await BrowserFixture.WaitForCircuitAsync(manager);
        var dashboard = await manager.Context.NewPageAsync();
        await dashboard.GotoAsync("/dashboard");
        await BrowserFixture.WaitForCircuitAsync(dashboard);
        var pendingBefore = long.Parse((await dashboard.Locator("[data-testid=count-pending_kyc]").InnerTextAsync()).Replace(",", ""));

        var agent = await fixture.SignedInPageAsync(Roles.Agent);
        await BrowserFixture.WithScreenshotOnFailure(agent, "live-agent-creates", async () =>
        {
            await agent.GotoAsync("/customers/new");
            await BrowserFixture.WaitForCircuitAsync(agent);
            await agent.FillAsync("#first-name", "Hedy");
            await agent.FillAsync("#last-name", "Lamarr");
            await agent.FillAsync("#email", $"hedy.{Guid.NewGuid():N}@example.com");
            await agent.FillAsync("#phone", "+1 415 555 2671");
            await agent.FillAsync("#billing-line1", "1 Frequency Way");
            await agent.FillAsync("#billing-city", "Vienna");
            await agent.FillAsync("#billing-state", "Vienna");
            await agent.FillAsync("#billing-country", "Austria");
            await agent.GetByText("Austria (AT)", new() { Exact = true }).ClickAsync();
            await Expect(agent.GetByText("e.g. 1010")).ToBeVisibleAsync(); // the country has reached the server
            await agent.FillAsync("#billing-zip", "1010");
            await agent.ClickAsync("[data-testid=create-customer]");
            await Expect(agent).ToHaveURLAsync(new Regex("/customers/[0-9a-f-]{36}$"));
        });

        await BrowserFixture.WithScreenshotOnFailure(manager, "live-manager-list", async () =>
            await Expect(manager.Locator("[data-testid=customer-table]").GetByText("Hedy Lamarr").First).ToBeVisibleAsync(Soon));
        await BrowserFixture.WithScreenshotOnFailure(dashboard, "live-manager-dashboard", async () =>
            await Expect(dashboard.Locator("[data-testid=count-pending_kyc]")).ToHaveTextAsync((pendingBefore + 1).ToString("N0"), new() { Timeout = 3000 }));
    }

    [Fact]
    public async Task Compliance_exports_exactly_the_searched_customers_as_CSV_with_progress()
    {
        var agent = await fixture.App.ActorAsync(Roles.Agent);
        var marker = "Zelda";
        var lastNames = new[] { "Export-One", "Export-Two", "Export-Three" };
        foreach (var last in lastNames)
        {
            var input = Samples.Customer(email: $"export.{Guid.NewGuid():N}@example.com");
            input.FirstName = marker;
            input.LastName = last;
            input.BillingAddress.Line1 = "Flat 1, \"Quoted\" House";
            Assert.True((await fixture.App.Customers.CreateAsync(input, agent)).Succeeded);
        }

        var compliance = await fixture.SignedInPageAsync(Roles.Compliance);
        await BrowserFixture.WithScreenshotOnFailure(compliance, "export-csv", async () =>
        {
            await compliance.GotoAsync($"/customers?q={marker}");
            await BrowserFixture.WaitForCircuitAsync(compliance);
            await Expect(compliance.Locator("[data-testid=customer-table]").GetByText($"{marker} Export-One")).ToBeVisibleAsync();

            var download = await compliance.RunAndWaitForDownloadAsync(() => compliance.ClickAsync("[data-testid=export-csv]"));
            var path = await download.PathAsync();
            var text = await File.ReadAllTextAsync(path!, Encoding.UTF8);
            var lines = text.TrimEnd().Split("\r\n");

            Assert.StartsWith("id,status,created_at,first_name,last_name,email", lines[0].TrimStart('\uFEFF'));
            Assert.Equal(4, lines.Length); // the header and exactly the three matching customers
            Assert.All(lines.Skip(1), l => Assert.Contains($",{marker},Export-", l));
            Assert.All(lines.Skip(1), l => Assert.Contains("\"Flat 1, \"\"Quoted\"\" House\"", l));
            Assert.Matches(@"^customers-all-search-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
            await Expect(compliance.GetByText("Exported 3 customers.")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Agents_have_no_export_and_are_refused_if_they_try()
    {
        var agent = await fixture.SignedInPageAsync(Roles.Agent);
        await agent.GotoAsync("/customers");
        await BrowserFixture.WaitForCircuitAsync(agent);
        await Expect(agent.Locator("[data-testid=customer-table]")).ToBeVisibleAsync();

        await Expect(agent.Locator("[data-testid=export-csv]")).ToHaveCountAsync(0);
        var response = await agent.APIRequest.GetAsync("/customers/export.csv");
        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task A_cross_site_GET_starts_no_export()
    {
        var compliance = await fixture.SignedInPageAsync(Roles.Compliance);
        var exportsBefore = await ExportAuditCountAsync();

        // What a link, an image or a form on another site can do: a GET with the user's cookie, but without a ticket
        // from the list page (a guessed one is no better).
        await compliance.GotoAsync("about:blank");
        await compliance.SetContentAsync($"<img src=\"{fixture.App.BaseUrl}/customers/export.csv?status=active\">");
        var direct = await compliance.APIRequest.GetAsync("/customers/export.csv?status=active");
        var guessed = await compliance.APIRequest.GetAsync("/customers/export.csv?ticket=0123456789abcdef");

        Assert.Equal(403, direct.Status);
        Assert.Equal(403, guessed.Status);
        Assert.Equal(BackOffice.Web.Components.Customers.CustomerExportEndpoint.StartFromThePage, await direct.TextAsync());
        Assert.Equal(exportsBefore, await ExportAuditCountAsync());
    }

    private async Task<int> ExportAuditCountAsync()
    {
        var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BackOffice.Core.Data.BackOfficeDbContext>>(fixture.App.Services);
        await using var db = await factory.CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataExportAudit);
    }
}
