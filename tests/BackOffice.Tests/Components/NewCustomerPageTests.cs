using BackOffice.Tests.Support;
using BackOffice.Web.Components.Customers;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Components;

public sealed class NewCustomerPageTests : ComponentTestContext
{
    protected override Core.Identity.Actor SignedIn => TestDatabase.Agent;

    [Fact]
    public async Task Does_not_submit_an_invalid_form_and_shows_the_errors_next_to_the_fields()
    {
        var page = Render<NewCustomerPage>();

        await page.Find("form").SubmitAsync();

        var errors = page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Is required", errors);
        Assert.True(errors.Count >= 8, $"expected an error under each required field, got {errors.Count}");
        await using var db = await Database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Shows_a_taken_email_under_Email_with_a_link_to_the_existing_customer()
    {
        var existing = (await Database.Customers.CreateAsync(Samples.Customer(email: "ada@example.com"), TestDatabase.OtherAgent)).Value!;
        var page = Render<NewCustomerPage>();
        var input = Samples.Customer(email: "ADA@example.com");
        page.Find("#first-name").Change(input.FirstName);
        page.Find("#last-name").Change(input.LastName);
        page.Find("#email").Change(input.Email);
        page.Find("#phone").Change(input.Phone);
        page.Find("#billing-line1").Change(input.BillingAddress.Line1);
        page.Find("#billing-city").Change(input.BillingAddress.City);
        page.Find("#billing-state").Change(input.BillingAddress.State);
        page.Find("#billing-zip").Change(input.BillingAddress.ZipCode);
        // The country is an autocomplete; set it the way a pick does.
        var address = page.FindComponent<BillingAddressForm>().Instance.Address;
        address.Country = "GB";

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() =>
            Assert.Contains("Is already used by customer Ada Lovelace", page.FindAll(".mud-input-error").Select(e => e.TextContent)));
        Assert.Equal($"/customers/{existing.Id}", page.Find("[data-testid=existing-customer-link]").GetAttribute("href"));
    }
}
