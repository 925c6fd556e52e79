using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Core.Partners;
using BackOffice.Core.Seeding;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Partners;

/// <summary>
/// Every API read and action is held to the key's partner: another partner's customer (or one onboarded by staff) is 404
/// everywhere, exactly as an unknown id, and a 409 names the existing customer only to a caller who may see it.
/// </summary>
public sealed class PartnerScopingApiTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private readonly HttpClient defaultPartner = app.ApiClient();

    private async Task<HttpClient> OtherPartnerAsync()
    {
        var admin = await app.ActorAsync(Roles.Admin);
        var partners = app.Services.CreateScope().ServiceProvider.GetRequiredService<PartnerService>();
        var partner = (await partners.CreateAsync($"Other partner {Guid.NewGuid():N}", admin)).Value!;
        var key = (await app.ApiKeys.CreateAsync($"Other key {Guid.NewGuid():N}", partner.Id, admin)).Value!;
        Assert.Equal(partner.Id, key.Key.PartnerId);
        return app.ApiClient(key.Secret);
    }

    private async Task<(string Id, JsonObject Body)> DefaultPartnersCustomerAsync()
    {
        var body = ApiBodies.Customer();
        var response = await defaultPartner.PostCustomerAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).Id(), body);
    }

    [Fact]
    public async Task Another_partners_customer_is_404_on_every_endpoint()
    {
        var (id, _) = await DefaultPartnersCustomerAsync();
        var other = await OtherPartnerAsync();

        await (await other.GetAsync($"/api/v1/customers/{id}")).ProblemAsync(404);
        await (await other.GetAsync($"/api/v1/customers/{id}/wallets")).ProblemAsync(404);
        await (await other.GetAsync($"/api/v1/customers/{id}/documents")).ProblemAsync(404);
        await (await other.PostRawAsync("/api/v1/wallets", $$"""{ "customer_id": "{{id}}", "currency": "USD" }""")).ProblemAsync(404);
        var form = new MultipartFormDataContent { { new StringContent("passport"), "kind" } };
        var file = new ByteArrayContent(DemoDocumentFiles.UtilityBillPdf("Ada", "London"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "bill.pdf");
        await (await other.PostAsync($"/api/v1/customers/{id}/documents", form)).ProblemAsync(404);

        var list = await (await other.GetAsync("/api/v1/customers?limit=100")).JsonAsync();
        Assert.DoesNotContain(list["data"]!.AsArray(), c => c!["id"]!.GetValue<string>() == id);
        // Its id is no cursor for another partner either.
        await (await other.GetAsync($"/api/v1/customers?starting_after={id}")).ProblemAsync(422);

        // Its own partner still sees it.
        Assert.Equal(HttpStatusCode.OK, (await defaultPartner.GetAsync($"/api/v1/customers/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_partner_lists_only_its_own_customers()
    {
        var other = await OtherPartnerAsync();
        var mine = (await (await other.PostCustomerAsync(ApiBodies.Customer())).JsonAsync()).Id();
        await DefaultPartnersCustomerAsync();

        var list = (await (await other.GetAsync("/api/v1/customers?limit=100")).JsonAsync())["data"]!.AsArray();

        Assert.Equal([mine], list.Select(c => c!["id"]!.GetValue<string>()));
        var customer = await app.Customers.GetAsync(Guid.Parse(mine));
        Assert.NotNull(customer!.PartnerId);
        Assert.NotEqual(Partner.DefaultId, customer.PartnerId);
    }

    [Fact]
    public async Task A_taken_email_names_the_existing_customer_only_to_a_caller_who_may_see_it()
    {
        var (id, body) = await DefaultPartnersCustomerAsync();
        var other = await OtherPartnerAsync();

        var own = await (await defaultPartner.PostCustomerAsync(body)).ProblemAsync(409);
        var foreign = await (await other.PostCustomerAsync(body)).ProblemAsync(409);

        Assert.Equal(id, own["existing_customer_id"]!.GetValue<string>());
        Assert.Equal("email_taken", foreign["code"]!.GetValue<string>());
        Assert.False(foreign.ContainsKey("existing_customer_id"));
        Assert.DoesNotContain("Lovelace", foreign.ToJsonString());
    }

    [Fact]
    public async Task A_customer_onboarded_by_staff_belongs_to_no_partner_and_no_key_sees_it()
    {
        var created = await app.Customers.CreateAsync(Samples.Customer(), await app.ActorAsync(Roles.Agent));
        Assert.Null(created.Value!.PartnerId);

        await (await defaultPartner.GetAsync($"/api/v1/customers/{created.Value.Id}")).ProblemAsync(404);
    }
}
