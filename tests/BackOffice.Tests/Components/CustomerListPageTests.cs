using BackOffice.Tests.Support;
using BackOffice.Web.Components.Customers;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Components;

public sealed class CustomerListPageTests : ComponentTestContext
{
    protected override Core.Identity.Actor SignedIn => TestDatabase.Compliance;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 0; i < 3; i++)
        {
            var created = await Database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent);
            if (i == 0) await Database.Reviews.ApproveKycAsync(created.Value!.Id, TestDatabase.Compliance);
        }
    }

    [Fact]
    public void Renders_the_status_filter_with_counts_and_marks_the_one_in_the_URL()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/customers?status=pending_kyc");

        var page = Render<CustomerListPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.customer-row").Count));
        var filter = page.Find("[data-testid=status-filter]");
        Assert.Equal(["all", "pending_kyc", "awaiting_documents", "active", "rejected", "suspended"],
            filter.QuerySelectorAll("[data-status]").Select(e => e.GetAttribute("data-status")));
        Assert.Contains("Pending KYC 2", filter.QuerySelector("[data-status=pending_kyc]")!.TextContent.Replace("\n", " ").Trim());
        Assert.Contains("All 3", filter.QuerySelector("[data-status=all]")!.TextContent.Trim());
        Assert.Equal("page", filter.QuerySelector("[data-status=pending_kyc]")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/customers?size=abc&after=not-a-guid&status=unknown")]
    [InlineData("/customers?size=99999999999999&before=%00")]
    [InlineData("/customers?after=01936a4e-8f3c-7b2a-9d4e-2f1a0b9c8d7e")]
    public void A_hand_edited_URL_with_bad_values_still_shows_the_list(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);

        var page = Render<CustomerListPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.customer-row").Count));
    }

    [Fact]
    public void A_click_anywhere_on_a_row_opens_that_customer()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/customers");
        var page = Render<CustomerListPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.customer-row").Count));

        var row = page.FindAll("tr.customer-row")[1];
        var link = row.QuerySelector("a.row-link")!.GetAttribute("href");
        row.QuerySelector("[data-label=Email]")!.Click(); // the click bubbles from the cell to the row

        Assert.EndsWith(link!, navigation.Uri);
    }

    [Fact]
    public void Shows_an_empty_state_when_nothing_matches()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/customers?q=nobody-by-this-name");

        var page = Render<CustomerListPage>();

        page.WaitForAssertion(() => Assert.Contains("No customers match", page.Find("[data-testid=empty-state]").TextContent));
    }
}
