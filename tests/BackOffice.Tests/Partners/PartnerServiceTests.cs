using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Core.Partners;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Partners;

/// <summary>Partners through the services, on either engine: who may add them, and the staff list's partner filter.</summary>
public sealed class PartnerServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private PartnerService Partners => database.Services.GetRequiredService<PartnerService>();

    [Fact]
    public async Task Only_admins_add_partners_and_names_are_unique_in_any_case()
    {
        Assert.Equal(ServiceResultKind.Forbidden, (await Partners.CreateAsync("Acme", TestDatabase.Compliance)).Kind);
        Assert.True((await Partners.CreateAsync("Acme", TestDatabase.Admin)).Succeeded);
        Assert.Equal(ServiceResultKind.Conflict, (await Partners.CreateAsync(" ACME ", TestDatabase.Admin)).Kind);
        Assert.Equal(ServiceResultKind.Invalid, (await Partners.CreateAsync("  ", TestDatabase.Admin)).Kind);
        Assert.Contains(await Partners.ListAsync(), p => p.Id == Partner.DefaultId); // from the migration
    }

    [Fact]
    public async Task Staff_filter_the_list_by_partner_and_a_partners_key_is_held_to_its_own()
    {
        var acme = (await Partners.CreateAsync("Acme", TestDatabase.Admin)).Value!;
        var acmeKey = (await database.ApiKeys.CreateAsync("Acme key", acme.Id, TestDatabase.Admin)).Value!.Key.AsActor();
        var viaKey = (await database.Customers.CreateAsync(Samples.Customer(), acmeKey)).Value!;
        var byStaff = (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;

        var acmeOnly = (await database.Customers.ListAsync(new CustomerListQuery { PartnerId = acme.Id })).Value!.Items;
        var everyone = (await database.Customers.ListAsync(new CustomerListQuery())).Value!.Items;
        var asKey = (await database.Customers.ListAsync(new CustomerListQuery(), acmeKey)).Value!.Items;

        Assert.Equal([viaKey.Id], acmeOnly.Select(c => c.Id));
        Assert.Equal(acme.Id, viaKey.PartnerId);
        Assert.Null(byStaff.PartnerId);
        Assert.Equal(2, everyone.Count);
        Assert.Equal([viaKey.Id], asKey.Select(c => c.Id));
        Assert.Null(await database.Customers.GetAsync(byStaff.Id, acmeKey));
    }
}
