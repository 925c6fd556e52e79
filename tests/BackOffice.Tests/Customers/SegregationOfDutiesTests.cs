using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Customers;

/// <summary>Who may not do what, in the services: four eyes through API keys, suspend and reinstate by different people, keys never passing for people.</summary>
public sealed class SegregationOfDutiesTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<Customer> CreatedWith(Actor creator)
    {
        var result = await database.Customers.CreateAsync(Samples.Customer(), creator);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task An_admin_cannot_approve_a_customer_created_with_a_key_they_issued()
    {
        var issued = (await database.ApiKeys.CreateAsync("Partner of Ada", TestDatabase.Admin)).Value!;
        Assert.Equal(TestDatabase.Admin.Id, issued.Key.IssuedById);
        var customer = await CreatedWith(issued.Key.AsActor());

        var refused = await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Admin);

        Assert.Equal(ServiceResultKind.Forbidden, refused.Kind);
        Assert.Equal(CustomerReviewService.FourEyesMessage, refused.Message);
        Assert.Equal(CustomerStatus.PendingKyc, (await database.Customers.GetAsync(customer.Id))!.Status);
        Assert.True((await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance)).Succeeded);
    }

    [Fact]
    public async Task Another_admin_can_approve_a_customer_created_with_a_colleagues_key()
    {
        var otherAdmin = Actor.Create("admin-2", "Ari Admin", Roles.Admin);
        var issued = (await database.ApiKeys.CreateAsync("Partner of Ari", otherAdmin)).Value!;
        var customer = await CreatedWith(issued.Key.AsActor());

        Assert.True((await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Admin)).Succeeded);
    }

    [Fact]
    public async Task Whoever_suspended_a_customer_cannot_reinstate_them()
    {
        var customer = await CreatedWith(TestDatabase.Agent);
        Assert.True((await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance)).Succeeded);
        Assert.True((await database.Reviews.SuspendAsync(customer.Id, TestDatabase.Compliance, "Chargeback investigation")).Succeeded);

        var refused = await database.Reviews.ReinstateAsync(customer.Id, TestDatabase.Compliance, "Investigation closed");

        Assert.Equal(ServiceResultKind.Forbidden, refused.Kind);
        Assert.Equal(CustomerReviewService.SuspenderMessage, refused.Message);
        Assert.Equal(CustomerStatus.Suspended, (await database.Customers.GetAsync(customer.Id))!.Status);
        Assert.True((await database.Reviews.ReinstateAsync(customer.Id, TestDatabase.OtherCompliance, "Investigation closed")).Succeeded);
    }

    [Fact]
    public async Task A_key_cannot_be_named_like_a_staff_member()
    {
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            db.Users.Add(new BackOfficeUser
            {
                Id = Guid.NewGuid().ToString(), DisplayName = "Carol Compliance", UserName = "carol@test.local",
                NormalizedUserName = "CAROL@TEST.LOCAL", Email = "carol@test.local", NormalizedEmail = "CAROL@TEST.LOCAL",
            });
            await db.SaveChangesAsync();
        }

        var byName = await database.ApiKeys.CreateAsync(" carol COMPLIANCE ", TestDatabase.Admin);
        var byEmail = await database.ApiKeys.CreateAsync("Carol@test.local", TestDatabase.Admin);

        Assert.Equal(ServiceResultKind.Invalid, byName.Kind);
        Assert.Equal(["is the name of a staff member"], byName.Errors["Name"]);
        Assert.Equal(ServiceResultKind.Invalid, byEmail.Kind);
        Assert.True((await database.ApiKeys.CreateAsync("Carol's Shop", TestDatabase.Admin)).Succeeded);
    }

    [Fact]
    public async Task History_shows_an_api_key_as_a_key_never_like_a_person()
    {
        var issued = (await database.ApiKeys.CreateAsync("Acme Payments", TestDatabase.Admin)).Value!;
        var customer = await CreatedWith(issued.Key.AsActor());
        var created = (await database.Customers.GetAuditTrailAsync(customer.Id))[0];

        Assert.Equal("API key · Acme Payments", ApiKey.DisplayActor(created.ActorId, created.ActorName));
        Assert.Equal("API key · Acme Payments", ApiKey.DisplayActor(customer.CreatedById, customer.CreatedByName));
        Assert.Equal("Alex Agent", ApiKey.DisplayActor(TestDatabase.Agent.Id, TestDatabase.Agent.Name));
    }
}
