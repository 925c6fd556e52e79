using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Identity;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>Opening wallets as people and partners do it: on the customer page, and through the REST API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WalletFlowTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_agent_opens_a_EUR_wallet_for_an_active_customer_and_cannot_open_a_second_one()
    {
        var input = Samples.Customer();
        input.FirstName = "Euphemia";
        var created = await fixture.App.Customers.CreateAsync(input, await fixture.App.ActorAsync(Roles.Agent));
        Assert.True(created.Succeeded, created.Message);
        var id = created.Value!.Id;
        // Compliance approves: wallets are for active customers only.
        var approved = await fixture.App.Reviews.ApproveKycAsync(id, await fixture.App.ActorAsync(Roles.Compliance));
        Assert.True(approved.Succeeded, approved.Message);

        var page = await fixture.SignedInPageAsync(Roles.Agent);
        await BrowserFixture.WithScreenshotOnFailure(page, "agent-opens-wallet", async () =>
        {
            await page.GotoAsync($"/customers/{id}");
            await BrowserFixture.WaitForCircuitAsync(page);
            await Expect(page.Locator("[data-testid=no-wallets]")).ToBeVisibleAsync();

            await page.FillAsync("#wallet-currency", "EUR");
            await page.GetByText("EUR — Euro", new() { Exact = true }).ClickAsync();
            await page.ClickAsync("[data-testid=create-wallet]");

            await Expect(page.GetByText("EUR wallet created for Euphemia Lovelace.")).ToBeVisibleAsync();
            var row = page.Locator("[data-testid=wallet-row][data-currency=EUR]");
            await Expect(row).ToContainTextAsync("0.00");
            await Expect(row).ToContainTextAsync("Active");
            // The page reloads its history once the wallet exists.
            await Expect(page.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Wallet created");

            // One wallet per currency: a second EUR wallet is refused next to the picker, not reported as created.
            await page.FillAsync("#wallet-currency", "EUR");
            await page.GetByText("EUR — Euro", new() { Exact = true }).ClickAsync();
            await page.ClickAsync("[data-testid=create-wallet]");

            await Expect(page.GetByText("already has a EUR wallet")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=wallet-row][data-currency=EUR]")).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task A_partner_opens_a_USD_wallet_through_the_API_once_the_customer_is_approved_and_the_back_office_sees_it()
    {
        using var api = fixture.App.ApiClient();
        var posted = await api.PostCustomerAsync(ApiBodies.Customer());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.JsonAsync()).Id();
        var walletBody = new JsonObject { ["customer_id"] = id, ["currency"] = "USD" }.ToJsonString();

        // A new customer is pending KYC: no wallet until compliance approves.
        var refused = await (await api.PostRawAsync("/api/v1/wallets", walletBody)).ProblemAsync(409);
        Assert.Equal("customer_not_active", refused["code"]!.GetValue<string>());

        var approved = await fixture.App.Reviews.ApproveKycAsync(Guid.Parse(id), await fixture.App.ActorAsync(Roles.Compliance));
        Assert.True(approved.Succeeded, approved.Message);

        var response = await api.PostRawAsync("/api/v1/wallets", walletBody);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var wallet = (await response.JsonAsync())["data"]!.AsObject();
        Assert.Equal(id, wallet["customer_id"]!.GetValue<string>());
        Assert.Equal("USD", wallet["currency"]!.GetValue<string>());
        Assert.Equal("0.00", wallet["balance"]!.GetValue<string>());
        Assert.Equal("active", wallet["status"]!.GetValue<string>());

        var listed = await api.GetAsync($"/api/v1/customers/{id}/wallets");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var only = Assert.Single((await listed.JsonAsync())["data"]!.AsArray());
        Assert.Equal(wallet["id"]!.GetValue<string>(), only!["id"]!.GetValue<string>());

        // What the partner created, the back-office sees, with the API key as its creator.
        var compliance = await fixture.SignedInPageAsync(Roles.Compliance);
        await BrowserFixture.WithScreenshotOnFailure(compliance, "api-wallet-in-back-office", async () =>
        {
            await compliance.GotoAsync($"/customers/{id}");
            await BrowserFixture.WaitForCircuitAsync(compliance);
            var row = compliance.Locator("[data-testid=wallet-row][data-currency=USD]");
            await Expect(row).ToContainTextAsync("0.00");
            await Expect(row).ToContainTextAsync("Active");
            await Expect(row).ToContainTextAsync(BackOfficeApp.ApiKeyName);
            // Compliance does not open wallets.
            await Expect(compliance.Locator("[data-testid=create-wallet-form]")).ToHaveCountAsync(0);
        });
    }
}
