using BackOffice.Core.Customers;
using BackOffice.Core.Wallets;
using BackOffice.Tests.Support;
using BackOffice.Web.Components.Customers;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Components;

/// <summary>An open customer page follows what others do to that customer, and ignores other customers.</summary>
public sealed class CustomerDetailsLiveTests : ComponentTestContext
{
    protected override Core.Identity.Actor SignedIn => TestDatabase.Manager;

    public override async ValueTask InitializeAsync()
    {
        Services.AddSingleton(_ => Database.Wallets); // the page's wallets section
        await base.InitializeAsync();
    }

    [Fact]
    public async Task A_decision_made_elsewhere_shows_on_the_open_page_without_a_reload()
    {
        var customer = (await Database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;
        var other = (await Database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;
        var page = Render<CustomerDetailsPage>(p => p.Add(x => x.Id, customer.Id));
        page.WaitForAssertion(() => Assert.Equal("Pending KYC", page.Find("[data-testid=customer-status]").TextContent.Trim()));
        var rendersBefore = page.RenderCount;

        // Another customer's change does not reload this page...
        await Database.Reviews.ApproveKycAsync(other.Id, TestDatabase.Compliance);
        await Task.Delay(600);
        Assert.Equal(rendersBefore, page.RenderCount);

        // ...this customer's does, within a second.
        await Database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance, "Documents verified");
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Active", page.Find("[data-testid=customer-status]").TextContent.Trim());
            Assert.Contains("KYC approved", page.Find("[data-testid=audit-trail]").TextContent);
        }, TimeSpan.FromSeconds(1));
    }
}
