using System.Net;
using BackOffice.Core.Identity;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>The API is a second front door onto the same data: what a partner creates, the back-office sees.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiCustomerInBackOfficeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_customer_created_through_the_API_is_in_the_pending_queue_with_the_key_as_creator()
    {
        var body = ApiBodies.Customer();
        body["first_name"] = "Katherine";
        body["last_name"] = "Johnson";
        var response = await fixture.App.ApiClient().PostCustomerAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).Id();

        var compliance = await fixture.SignedInPageAsync(Roles.Compliance);
        await BrowserFixture.WithScreenshotOnFailure(compliance, "api-customer-in-list", async () =>
        {
            await compliance.GotoAsync("/customers?status=pending_kyc&q=katherine johnson");
            var table = compliance.Locator("[data-testid=customer-table]");
            await Expect(table.GetByText("Katherine Johnson")).ToBeVisibleAsync();

            await compliance.GotoAsync($"/customers/{id}");
            await Expect(compliance.GetByText(BackOfficeApp.ApiKeyName).First).ToBeVisibleAsync();
            await Expect(compliance.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Pending KYC");
            // Compliance did not create it, so compliance may approve it.
            await Expect(compliance.Locator("[data-testid=approve-kyc]")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_signed_in_browser_session_cannot_call_the_API()
    {
        // The API takes only bearer keys, so another site cannot use a staff member's cookie to call it.
        var admin = await fixture.SignedInPageAsync(Roles.Admin);
        await Expect(admin.Locator("#circuit")).ToHaveCountAsync(1); // signed in: the app's layout is there

        var response = await admin.APIRequest.GetAsync("/api/v1/customers");

        Assert.Equal(401, response.Status);
        Assert.Contains("Bearer", response.Headers["www-authenticate"]);
    }
}
