using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>
/// axe-core's WCAG checks on every page, as rendered in Chromium: landmarks, heading order, names of buttons, contrast.
/// Staff use these pages all day, some with screen readers or magnifiers.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }

    [Fact]
    public async Task The_sign_in_page_has_no_accessibility_violations()
    {
        var page = await (await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.App.BaseUrl })).NewPageAsync();
        await page.GotoAsync("/account/login");

        Assert.Empty(await ViolationsAsync(page));
    }

    [Fact]
    public async Task The_back_office_pages_have_no_accessibility_violations()
    {
        var customer = (await fixture.App.Customers.CreateAsync(Samples.Customer(), await fixture.App.ActorAsync(Roles.Agent))).Value!;
        var admin = await fixture.SignedInPageAsync(Roles.Admin);
        var found = new List<string>();

        foreach (var url in new[] { "/", "/customers", "/customers?reviews=mine", $"/customers/{customer.Id}", $"/customers/{customer.Id}/edit", "/customers/new", "/customers/import", "/dashboard", "/admin/api-keys", "/admin/webhooks" })
        {
            await admin.GotoAsync(url);
            await BrowserFixture.WaitForCircuitAsync(admin);
            await Assertions.Expect(admin.Locator("h1")).ToBeVisibleAsync();
            found.AddRange((await ViolationsAsync(admin)).Select(v => $"{url}: {v}"));
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
