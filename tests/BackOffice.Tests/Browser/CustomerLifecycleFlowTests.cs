using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>A customer's life after creation, in the browser: corrections with their history, notes, review ownership.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerLifecycleFlowTests(BrowserFixture fixture)
{
    private BackOfficeApp App => fixture.App;

    private async Task<Customer> CreateAsync(string lastName)
    {
        var input = Samples.Customer();
        input.LastName = lastName;
        var result = await App.Customers.CreateAsync(input, await App.ActorAsync(Roles.Agent));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task An_agent_fixes_a_postcode_sees_old_and_new_in_the_history_and_a_stale_form_is_refused()
    {
        var customer = await CreateAsync("Postcode");
        var agent = await fixture.SignedInPageAsync(Roles.Agent);
        await BrowserFixture.WithScreenshotOnFailure(agent, "lifecycle-edit", async () =>
        {
            await agent.GotoAsync($"/customers/{customer.Id}");
            await BrowserFixture.WaitForCircuitAsync(agent);
            await agent.Locator("[data-testid=edit-customer]").ClickAsync();
            await Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/customers/{customer.Id}/edit$"));
            await BrowserFixture.WaitForCircuitAsync(agent);

            // Live validation as on creation: a bad postcode is refused next to the field.
            await agent.Locator("#billing-zip").FillAsync("12");
            await agent.Locator("#billing-city").FocusAsync();
            await Expect(agent.Locator(".mud-input-control:has(#billing-zip) .mud-input-helper-text.mud-input-error")).ToContainTextAsync("valid postal code");
            await agent.Locator("#billing-zip").FillAsync("sw1a 2aa");
            await agent.Locator("#billing-city").FocusAsync();
            await ScreenshotAsync(agent, "customer-edit");
            await agent.Locator("[data-testid=save-customer]").ClickAsync();

            await Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/customers/{customer.Id}$"));
            var changes = agent.Locator("[data-testid=field-changes]").First;
            await Expect(changes).ToContainTextAsync("ZIP / postal code: SW1A 1AA → SW1A 2AA");

            // A note, in the same history.
            await agent.Locator("#note-text").FillAsync("Customer called: the old postcode was a typo.");
            await agent.Locator("[data-testid=add-note]").ClickAsync();
            await Expect(agent.Locator("[data-testid=note]").First).ToHaveTextAsync("Customer called: the old postcode was a typo.");
            await ScreenshotAsync(agent, "customer-history-with-edit-and-note");

            // Someone else changes the customer while the agent's form is open: the save is refused, nothing overwritten.
            await agent.GotoAsync($"/customers/{customer.Id}/edit");
            await BrowserFixture.WaitForCircuitAsync(agent);
            using (var scope = App.Services.CreateScope())
            {
                var edits = scope.ServiceProvider.GetRequiredService<CustomerEditService>();
                var other = await edits.EditAsync(customer.Id, c => { var input = CustomerPatch.NewCustomerFrom(c); input.BillingAddress.City = "Oxford"; return input; },
                    null, await App.ActorAsync(Roles.Admin));
                Assert.True(other.Succeeded, other.Message);
            }
            await agent.Locator("#billing-line1").FillAsync("2 Main St");
            await agent.Locator("[data-testid=save-customer]").ClickAsync();
            await Expect(agent.Locator("[data-testid=edit-conflict]")).ToContainTextAsync("changed after you opened it");
            await Expect(agent.Locator("#billing-line1")).ToHaveValueAsync("2 Main St");
            await ScreenshotAsync(agent, "customer-edit-conflict");
        });
        var stored = (await App.Customers.GetAsync(customer.Id))!;
        Assert.Equal(("1 Main St", "Oxford", "SW1A 2AA"), (stored.BillingAddress.Line1, stored.BillingAddress.City, stored.BillingAddress.ZipCode));
        await agent.Context.CloseAsync();
    }

    [Fact]
    public async Task One_officer_claims_a_review_and_the_other_sees_it_and_must_take_it_over_to_decide()
    {
        var customer = await CreateAsync("Claimed");
        var carol = await fixture.SignedInPageAsync(Roles.Compliance);
        var ada = await fixture.SignedInPageAsync(Roles.Admin);
        await BrowserFixture.WithScreenshotOnFailure(carol, "lifecycle-claim", async () =>
        {
            await carol.GotoAsync($"/customers/{customer.Id}");
            await BrowserFixture.WaitForCircuitAsync(carol);
            await carol.Locator("[data-testid=claim-review]").ClickAsync();
            await Expect(carol.Locator("[data-testid=review-claim-holder]")).ToContainTextAsync("You review this customer");

            await carol.GotoAsync("/customers?reviews=mine");
            await BrowserFixture.WaitForCircuitAsync(carol);
            await Expect(carol.Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(carol.Locator("tbody tr").First).ToContainTextAsync("Claimed");
        });
        await BrowserFixture.WithScreenshotOnFailure(ada, "lifecycle-claim-other", async () =>
        {
            await ada.GotoAsync("/customers?status=pending_kyc&q=claimed");
            await BrowserFixture.WaitForCircuitAsync(ada);
            await Expect(ada.Locator("[data-testid=reviewer]").First).ToContainTextAsync("Reviewed by Carol Compliance");

            await ada.GotoAsync($"/customers/{customer.Id}");
            await BrowserFixture.WaitForCircuitAsync(ada);
            await Expect(ada.Locator("[data-testid=review-claim-holder]")).ToContainTextAsync("Carol Compliance reviews this customer");
            await ada.Locator("[data-testid=approve-kyc]").ClickAsync();
            await Expect(ada.Locator("[data-testid=refusal]")).ToContainTextAsync("Take the review over first");
            await ScreenshotAsync(ada, "customer-claimed-by-other");

            await ada.Locator("[data-testid=take-over-review]").ClickAsync();
            await Expect(ada.Locator("[data-testid=review-claim-holder]")).ToContainTextAsync("You review this customer");
            await Expect(ada.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Review taken over");
        });
        Assert.Equal("Ada Admin", (await App.Customers.GetAsync(customer.Id))!.ReviewerName);
        await carol.Context.CloseAsync();
        await ada.Context.CloseAsync();
    }
}
