using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Reviews;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Reviews;

public sealed class ReviewClaimServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private ReviewClaimService Claims => database.Services.GetRequiredService<ReviewClaimService>();

    private async Task<Customer> CreateAsync()
    {
        var result = await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent);
        return result.Value!;
    }

    [Fact]
    public async Task A_claimed_review_is_shown_with_its_reviewer_and_others_cannot_decide_without_taking_it_over()
    {
        var customer = await CreateAsync();

        Assert.True((await Claims.ClaimAsync(customer.Id, TestDatabase.Compliance)).Succeeded);
        var claimed = (await database.Customers.GetAsync(customer.Id))!;
        Assert.Equal("Carol Compliance", claimed.ReviewerName);
        Assert.Equal(database.Clock.Now.UtcDateTime, claimed.ReviewClaimedAt);
        Assert.Equal(customer.Version, claimed.Version); // not a change of the customer's data: open edit forms stay valid

        var refusedClaim = await Claims.ClaimAsync(customer.Id, TestDatabase.OtherCompliance);
        Assert.Equal(ServiceResultKind.Conflict, refusedClaim.Kind);
        Assert.Contains("Carol Compliance reviews this customer", refusedClaim.Message);
        var refusedDecision = await database.Reviews.RejectKycAsync(customer.Id, TestDatabase.OtherCompliance, "Blurry passport");
        Assert.Equal(ServiceResultKind.Conflict, refusedDecision.Kind);
        Assert.Equal(ReviewClaims.ClaimedByOther, refusedDecision.Code);
        Assert.Equal(CustomerStatus.PendingKyc, (await database.Customers.GetAsync(customer.Id))!.Status);

        Assert.True((await Claims.ClaimAsync(customer.Id, TestDatabase.OtherCompliance, takeOver: true)).Succeeded);
        Assert.True((await database.Reviews.RejectKycAsync(customer.Id, TestDatabase.OtherCompliance, "Blurry passport")).Succeeded);

        var trail = await database.Customers.GetAuditTrailAsync(customer.Id);
        Assert.Equal([CustomerAuditActions.Created, CustomerAuditActions.ReviewClaimed, CustomerAuditActions.ReviewTakenOver, CustomerAuditActions.KycRejected],
            trail.Select(e => e.Action));
        Assert.Equal("from Carol Compliance", trail[2].Detail);
        Assert.Null((await database.Customers.GetAsync(customer.Id))!.ReviewerId); // decided: the review is over
    }

    [Fact]
    public async Task The_holder_decides_and_a_released_or_lapsed_claim_no_longer_blocks_anyone()
    {
        var first = await CreateAsync();
        await Claims.ClaimAsync(first.Id, TestDatabase.Compliance);
        Assert.Equal(ServiceResultKind.Conflict, (await Claims.ReleaseAsync(first.Id, TestDatabase.OtherCompliance)).Kind);
        Assert.True((await Claims.ReleaseAsync(first.Id, TestDatabase.Compliance)).Succeeded);
        Assert.True((await database.Reviews.RejectKycAsync(first.Id, TestDatabase.OtherCompliance, "Expired ID")).Succeeded);

        var second = await CreateAsync();
        await Claims.ClaimAsync(second.Id, TestDatabase.Compliance);
        database.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1)); // Kyc:ClaimTimeoutHours defaults to 4
        Assert.True((await Claims.ClaimAsync(second.Id, TestDatabase.OtherCompliance)).Succeeded);
        Assert.Equal(CustomerAuditActions.ReviewClaimed, (await database.Customers.GetAuditTrailAsync(second.Id)).Last().Action);
    }

    [Fact]
    public async Task Only_compliance_and_admins_claim_and_only_customers_waiting_for_kyc()
    {
        var customer = await CreateAsync();
        Assert.Equal(ServiceResultKind.Forbidden, (await Claims.ClaimAsync(customer.Id, TestDatabase.Agent)).Kind);
        await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);
        Assert.Equal(ServiceResultKind.Conflict, (await Claims.ClaimAsync(customer.Id, TestDatabase.OtherCompliance)).Kind);
        Assert.Equal(ServiceResultKind.NotFound, (await Claims.ClaimAsync(Guid.CreateVersion7(), TestDatabase.Compliance)).Kind);
    }

    [Fact]
    public async Task My_reviews_lists_the_reviewers_open_claims_and_the_dashboard_counts_them_per_reviewer()
    {
        var mine = await CreateAsync();
        var alsoMine = await CreateAsync();
        var theirs = await CreateAsync();
        var lapsed = await CreateAsync();
        await Claims.ClaimAsync(lapsed.Id, TestDatabase.Compliance);
        database.Clock.Advance(TimeSpan.FromHours(5));
        await Claims.ClaimAsync(mine.Id, TestDatabase.Compliance);
        await Claims.ClaimAsync(alsoMine.Id, TestDatabase.Compliance);
        await Claims.ClaimAsync(theirs.Id, TestDatabase.OtherCompliance);

        var page = await database.Customers.ListAsync(new CustomerListQuery
        {
            ReviewerId = TestDatabase.Compliance.Id, ReviewClaimedAfter = database.Clock.Now.UtcDateTime - Claims.Timeout,
        });
        Assert.Equal(new[] { mine.Id, alsoMine.Id }.Order(), page.Value!.Items.Select(c => c.Id).Order());

        var loads = await Claims.OpenClaimsAsync();
        Assert.Equal([("Carol Compliance", 2), ("Chris Checker", 1)], loads.Select(l => (l.Reviewer, l.OpenClaims)));
    }
}
