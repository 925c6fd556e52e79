using System.Text.RegularExpressions;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>The onboarding flow as people do it, in headless Chromium against the running app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OnboardingFlowTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_agent_creates_a_customer_past_a_live_error_and_compliance_approves_it()
    {
        var agent = await fixture.SignedInPageAsync(Roles.Agent);
        string customerUrl = "";
        await BrowserFixture.WithScreenshotOnFailure(agent, "agent-creates-customer", async () =>
        {
            await agent.GotoAsync("/customers/new");
            await BrowserFixture.WaitForCircuitAsync(agent);

            await agent.FillAsync("#first-name", "Grace");
            await agent.FillAsync("#last-name", "Hopper");
            // A live error: shown when the field loses focus, before any submit...
            await agent.FillAsync("#email", "grace.hopper@");
            await agent.PressAsync("#email", "Tab");
            await Expect(agent.GetByText("Must be a valid email address")).ToBeVisibleAsync();
            // ...and gone once fixed.
            await agent.FillAsync("#email", "grace.hopper@navy.example");
            await agent.PressAsync("#email", "Tab");
            await Expect(agent.GetByText("Must be a valid email address")).ToHaveCountAsync(0);

            await agent.FillAsync("#phone", "+1 415 555 2671");
            await agent.FillAsync("#billing-line1", "1 Navy Yard");
            await agent.FillAsync("#billing-city", "Arlington");
            await agent.FillAsync("#billing-state", "VA");
            await agent.FillAsync("#billing-country", "United States");
            await agent.GetByText("United States (US)", new() { Exact = true }).ClickAsync();
            // Type the zip once the form shows the country's format, as a person would: the re-render that applies the
            // country would otherwise overwrite a zip typed before it arrived (seen on a busy machine).
            await Expect(agent.GetByText("e.g. 94105 or 94105-1234")).ToBeVisibleAsync();
            // A billing-address field shows its own error.
            await agent.FillAsync("#billing-zip", "ABC");
            await agent.PressAsync("#billing-zip", "Tab");
            await Expect(agent.GetByText(new Regex("Must be a valid postal code for United States"))).ToBeVisibleAsync();
            await agent.FillAsync("#billing-zip", "22202");
            await agent.PressAsync("#billing-zip", "Tab");
            await Expect(agent.GetByText(new Regex("Must be a valid postal code"))).ToHaveCountAsync(0);

            await agent.ClickAsync("[data-testid=create-customer]");
            await Expect(agent).ToHaveURLAsync(new Regex("/customers/[0-9a-f-]{36}$"));
            await Expect(agent.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Pending KYC");
            customerUrl = new Uri(agent.Url).AbsolutePath;

            // The agent has no Approve action.
            await Expect(agent.Locator("[data-testid=approve-kyc]")).ToHaveCountAsync(0);

            // The new customer is in the Pending KYC queue.
            await agent.GotoAsync("/customers?status=pending_kyc&q=grace");
            await Expect(agent.Locator("[data-testid=customer-table]").GetByText("Grace Hopper")).ToBeVisibleAsync();
        });

        var compliance = await fixture.SignedInPageAsync(Roles.Compliance);
        await BrowserFixture.WithScreenshotOnFailure(compliance, "compliance-approves", async () =>
        {
            await compliance.GotoAsync(customerUrl);
            await BrowserFixture.WaitForCircuitAsync(compliance);
            await compliance.ClickAsync("[data-testid=approve-kyc]");
            await Expect(compliance.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Active");
            await Expect(compliance.Locator("[data-testid=audit-trail]")).ToContainTextAsync("KYC approved");
            await Expect(compliance.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Carol Compliance");
        });
    }

    [Fact]
    public async Task The_creator_of_a_customer_cannot_approve_them()
    {
        var admin = await fixture.App.ActorAsync(Roles.Admin);
        var created = await fixture.App.Customers.CreateAsync(Samples.Customer(), admin);
        Assert.True(created.Succeeded, created.Message);

        var page = await fixture.SignedInPageAsync(Roles.Admin);
        await BrowserFixture.WithScreenshotOnFailure(page, "creator-cannot-approve", async () =>
        {
            await page.GotoAsync($"/customers/{created.Value!.Id}");
            await BrowserFixture.WaitForCircuitAsync(page);
            await Expect(page.Locator("[data-testid=approve-kyc]")).ToBeDisabledAsync();
            await Expect(page.Locator("[data-testid=approve-blocked]")).ToContainTextAsync("four-eyes");
            await Expect(page.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Pending KYC");
        });
    }

    [Fact]
    public async Task Compliance_rejects_with_a_reason_that_lands_in_the_history()
    {
        var agent = await fixture.App.ActorAsync(Roles.Agent);
        var created = await fixture.App.Customers.CreateAsync(Samples.Customer(), agent);

        var page = await fixture.SignedInPageAsync(Roles.Compliance);
        await BrowserFixture.WithScreenshotOnFailure(page, "compliance-rejects", async () =>
        {
            await page.GotoAsync($"/customers/{created.Value!.Id}");
            await BrowserFixture.WaitForCircuitAsync(page);
            await page.ClickAsync("[data-testid=reject-kyc]");
            await page.ClickAsync("[data-testid=confirm-decision]");
            await Expect(page.GetByText("Give a reason: it is recorded in the audit trail.")).ToBeVisibleAsync();
            await page.FillAsync("#decision-reason", "Passport photo does not match");
            await page.ClickAsync("[data-testid=confirm-decision]");
            await Expect(page.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Rejected");
            await Expect(page.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Passport photo does not match");
        });
    }

    [Fact]
    public async Task Signing_in_with_a_wrong_password_says_so_and_pages_need_sign_in()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.App.BaseUrl });
        var page = await context.NewPageAsync();
        await BrowserFixture.WithScreenshotOnFailure(page, "sign-in", async () =>
        {
            await page.GotoAsync("/customers");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
            await page.FillAsync("#email", "agent@test.local");
            await page.FillAsync("#password", "wrong-password");
            await page.ClickAsync("button[type=submit]");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password.");
        });
        await context.CloseAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.App.BaseUrl });
        var page = await context.NewPageAsync();
        await BrowserFixture.WithScreenshotOnFailure(page, "lockout", async () =>
        {
            async Task SignIn(string password)
            {
                await page.GotoAsync("/account/login");
                await page.FillAsync("#email", "lockout@test.local");
                await page.FillAsync("#password", password);
                await page.ClickAsync("button[type=submit]");
            }

            for (var i = 0; i < 5; i++) await SignIn("not-the-password");
            await SignIn("Lockout-Test-2026");

            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        });
        await context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await fixture.SignedInPageAsync(Roles.Manager);
        await BrowserFixture.WithScreenshotOnFailure(page, "sign-out", async () =>
        {
            await Expect(page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("Morgan Manager");
            // Managers see no onboarding form in the menu.
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New customer" })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

            await page.GotoAsync("/customers");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        });
    }
}
