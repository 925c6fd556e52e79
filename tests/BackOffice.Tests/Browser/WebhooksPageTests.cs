using BackOffice.Core.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>The Admin's webhooks page: endpoints per partner; a private target is refused next to the URL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhooksPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_cannot_point_a_webhook_at_a_private_address()
    {
        var page = await fixture.SignedInPageAsync(Roles.Admin);
        await BrowserFixture.WithScreenshotOnFailure(page, "webhooks-page", async () =>
        {
            await page.GotoAsync("/admin/webhooks");
            await BrowserFixture.WaitForCircuitAsync(page);
            await Expect(page.Locator("[data-testid=no-endpoints]")).ToBeVisibleAsync();

            await page.FillAsync("#webhook-url", "https://169.254.169.254/latest/meta-data");
            await page.Locator("div.mud-select:has(#webhook-events)").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("customer.created", new() { Exact = true }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#add-webhook");

            await Expect(page.GetByText("must not point to a loopback, private, link-local or metadata address")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=no-endpoints]")).ToBeVisibleAsync();
            Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "webhooks-page.png"), FullPage = true });
        });
    }
}
