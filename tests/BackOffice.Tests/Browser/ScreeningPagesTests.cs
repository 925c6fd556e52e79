using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>
/// The screening as people see it, against the real lists: the admin's Screening lists page and compliance resolving a
/// hit on the customer page. Each page is checked with axe and photographed (screenshots/screening-*.png).
/// </summary>
public sealed class ScreeningPagesTests(ScreeningBrowserFixture fixture) : IClassFixture<ScreeningBrowserFixture>
{
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        // A chip still under the pointer, or half-way through its colour transition after a click, shows a shade that
        // axe would judge instead of the chip's own colours.
        await page.Mouse.MoveAsync(0, 0);
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        await page.WaitForTimeoutAsync(300);
        var result = await page.RunAxe();
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task The_admin_sees_each_list_with_its_version_and_count_and_a_truncated_upload_is_refused_next_to_the_list()
    {
        var page = await fixture.SignedInPageAsync(Roles.Admin);
        await BrowserFixture.WithScreenshotOnFailure(page, "screening-admin", async () =>
        {
            await page.GotoAsync("/admin/screening");
            await BrowserFixture.WaitForCircuitAsync(page);
            var ofac = page.Locator("[data-testid=sanctions-list][data-list='OFAC SDN']");
            await Expect(ofac.Locator("[data-testid=entry-count]")).ToHaveTextAsync("9,043");
            await Expect(ofac.Locator("[data-testid=list-version]")).ToContainTextAsync("published 2022-01-31");
            await Expect(page.Locator("[data-testid=sanctions-list][data-list='UN'] [data-testid=entry-count]")).ToHaveTextAsync("1,093");
            await Expect(page.Locator("[data-testid=rescreening-progress]")).ToContainTextAsync("customers screened");
            await AssertAccessibleAsync(page);
            await ScreenshotAsync(page, "screening-admin");

            // A truncated UN file: refused whole, the version in force stays.
            var xml = await File.ReadAllBytesAsync(Screening.SanctionsListFolder.File("un-consolidated-2018-10-29.xml"));
            await page.Locator("[data-testid=sanctions-list][data-list='UN'] input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "consolidated.xml", MimeType = "application/xml", Buffer = xml[..(xml.Length / 3)],
            });
            var un = page.Locator("[data-testid=sanctions-list][data-list='UN']");
            await Expect(un.Locator("[data-testid=list-refusal]")).ToContainTextAsync("not well-formed");
            await Expect(un.Locator("[data-testid=last-error]")).ToContainTextAsync("The version in force stays");
            await Expect(un.Locator("[data-testid=entry-count]")).ToHaveTextAsync("1,093");
        });
    }

    [Fact]
    public async Task The_list_filters_potential_matches_and_the_dashboard_lists_them_oldest_first()
    {
        var input = Samples.Customer();
        input.FirstName = "Joaquin";
        input.LastName = "Guzman Loera";
        var created = await fixture.App.Customers.CreateAsync(input, await fixture.App.ActorAsync(Roles.Agent));
        Assert.True(created.Succeeded, created.Message);

        var page = await fixture.SignedInPageAsync(Roles.Admin);
        await BrowserFixture.WithScreenshotOnFailure(page, "screening-list", async () =>
        {
            await page.GotoAsync("/customers");
            await BrowserFixture.WaitForCircuitAsync(page);
            await page.ClickAsync("[data-testid=status-filter] [data-screening=potential_match]");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("screening=potential_match"));
            await Expect(page.GetByText("Joaquin Guzman Loera")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page);
            await ScreenshotAsync(page, "screening-list");

            await page.GotoAsync("/dashboard");
            await BrowserFixture.WaitForCircuitAsync(page);
            await Expect(page.Locator("[data-testid=pending-matches]")).ToContainTextAsync("Joaquin Guzman Loera");
            await AssertAccessibleAsync(page);
            await page.Locator("[data-testid=pending-matches]").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "screening-dashboard.png") });
        });
    }

    [Fact]
    public async Task Compliance_sees_the_hit_with_the_list_entry_and_resolves_it_as_a_false_positive_with_a_reason()
    {
        var input = Samples.Customer();
        input.FirstName = "Ayman";
        input.LastName = "Zawahiri";
        var created = await fixture.App.Customers.CreateAsync(input, await fixture.App.ActorAsync(Roles.Agent));
        Assert.True(created.Succeeded, created.Message);

        var page = await fixture.SignedInPageAsync(Roles.Compliance);
        await BrowserFixture.WithScreenshotOnFailure(page, "screening-hits", async () =>
        {
            await page.GotoAsync($"/customers/{created.Value!.Id}");
            await BrowserFixture.WaitForCircuitAsync(page);
            var hit = page.Locator("[data-testid=screening-hit]").Filter(new() { HasText = "AL ZAWAHIRI" }).First;
            await Expect(hit).ToContainTextAsync("SDGT");
            await Expect(hit).ToContainTextAsync("Waiting for compliance");
            await Expect(page.Locator("[data-testid=approve-blocked]")).ToContainTextAsync("potential sanctions match");
            await AssertAccessibleAsync(page);
            await ScreenshotAsync(page, "screening-customer-hits");

            // No reason: said next to the field, nothing resolved.
            await hit.Locator("[data-testid=false-positive]").ClickAsync();
            await Expect(hit).ToContainTextAsync("Reason is required");

            // Resolved hits move below the open ones, so always take the first hit still open.
            var open = page.Locator("[data-testid=screening-hit]:has([data-testid=false-positive])");
            var count = await open.CountAsync();
            Assert.True(count >= 1);
            for (var left = count; left > 0; left--)
            {
                await open.First.Locator("textarea").FillAsync("Born 1990 in Leeds; not the listed person");
                await open.First.Locator("[data-testid=false-positive]").ClickAsync();
                await Expect(open).ToHaveCountAsync(left - 1);
            }
            await Expect(page.Locator("[data-testid=hit-status]").Filter(new() { HasText = "False positive" })).ToHaveCountAsync(count);
            await Expect(page.Locator("[data-testid=screening] [data-screening]")).ToHaveTextAsync("Clear");
            await Expect(page.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Match resolved: false positive");
            await Expect(page.Locator("[data-testid=approve-kyc]")).ToBeEnabledAsync();
            await ScreenshotAsync(page, "screening-customer-resolved");
        });
    }
}
