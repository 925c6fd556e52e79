using BackOffice.Core.Reviews;
using BackOffice.Tests.Support;
using BackOffice.Web.Components.Reviews;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Components;

/// <summary>The dashboard's open claims per reviewer, and "My reviews" on the list.</summary>
public sealed class OpenReviewClaimsTests : ComponentTestContext
{
    protected override Core.Identity.Actor SignedIn => TestDatabase.Compliance;

    [Fact]
    public async Task The_dashboard_lists_open_claims_per_reviewer_most_first()
    {
        var claims = Database.Services.GetRequiredService<ReviewClaimService>();
        for (var i = 0; i < 3; i++)
        {
            var customer = (await Database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;
            await claims.ClaimAsync(customer.Id, i < 2 ? TestDatabase.OtherCompliance : TestDatabase.Compliance);
        }

        var table = Render<OpenReviewClaims>();

        table.WaitForAssertion(() =>
        {
            var rows = table.FindAll("[data-testid=open-claims-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Take(2).ToArray()).ToList();
            Assert.Equal([["Chris Checker", "2"], ["Carol Compliance", "1"]], rows);
        });
    }

    [Fact]
    public void Without_claims_it_says_so()
    {
        var table = Render<OpenReviewClaims>();
        table.WaitForAssertion(() => Assert.Contains("Nobody has claimed a review.", table.Markup));
    }
}
