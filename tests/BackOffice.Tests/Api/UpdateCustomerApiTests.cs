using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>PATCH /api/v1/customers/{id} over real HTTP: merge patch, ETag/If-Match, the create's rules.</summary>
public sealed class UpdateCustomerApiTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private readonly HttpClient api = app.ApiClient();

    private async Task<(string Id, string ETag)> CreateAsync(Action<JsonObject>? change = null)
    {
        var body = ApiBodies.Customer();
        change?.Invoke(body);
        var created = await api.PostCustomerAsync(body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).Id();
        var read = await api.GetAsync($"/api/v1/customers/{id}");
        return (id, read.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_merge_patch_changes_what_it_names_clears_line2_and_answers_with_the_customer_and_a_new_etag()
    {
        var (id, etag) = await CreateAsync(body => body.Address()["line2"] = "Flat 2");

        var response = await api.PatchCustomerAsync(id, """{ "billing_address": { "zip_code": "sw1a 2aa", "line2": null }, "phone": "+44 7911 123457" }""", etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var customer = (await response.JsonAsync())["data"]!.AsObject();
        Assert.Equal("SW1A 2AA", customer["billing_address"]!["zip_code"]!.GetValue<string>());
        Assert.Null(customer["billing_address"]!["line2"]);
        Assert.Equal("London", customer["billing_address"]!["city"]!.GetValue<string>());
        Assert.Equal("+447911123457", customer["phone"]!.GetValue<string>());
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        var read = await api.GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(response.Headers.ETag!.ToString(), read.Headers.ETag!.ToString());

        var edit = Assert.Single(await app.Customers.GetAuditTrailAsync(Guid.Parse(id)), e => e.Action == CustomerAuditActions.Edited);
        Assert.Equal(["phone", "billing_address.line2", "billing_address.zip_code"], CustomerFieldChange.FromJson(edit.Changes).Select(c => c.Field));
        Assert.Equal(BackOfficeApp.ApiKeyName, edit.ActorName);
        // updated_at (the contract's): the edit's time, in the answer and on every read after it.
        Assert.Equal(edit.At, customer["updated_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.NotEqual(customer["created_at"]!.GetValue<DateTime>(), customer["updated_at"]!.GetValue<DateTime>());
        Assert.Equal(customer["updated_at"]!.GetValue<string>(), (await read.JsonAsync())["data"]!["updated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_saves_nothing()
    {
        var (id, etag) = await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PatchCustomerAsync(id, """{ "billing_address": { "city": "Oxford" } }""", etag)).StatusCode);

        var problem = await (await api.PatchCustomerAsync(id, """{ "billing_address": { "city": "Bath" } }""", etag)).ProblemAsync(412);
        Assert.Equal("precondition_failed", problem["code"]!.GetValue<string>());
        await (await api.PatchCustomerAsync(id, """{ "billing_address": { "city": "Bath" } }""", "W/" + etag)).ProblemAsync(412);
        await (await api.PatchCustomerAsync(id, """{ "billing_address": { "city": "Bath" } }""", "\"something else\"")).ProblemAsync(412);
        Assert.Equal("Oxford", (await app.Customers.GetAsync(Guid.Parse(id)))!.BillingAddress.City);

        Assert.Equal(HttpStatusCode.OK, (await api.PatchCustomerAsync(id, """{ "billing_address": { "city": "Bath" } }""", "*", "application/json")).StatusCode);
    }

    [Fact]
    public async Task Clearing_a_required_field_and_breaking_a_rule_are_422_with_every_field()
    {
        var (id, _) = await CreateAsync();

        var problem = await (await api.PatchCustomerAsync(id, """{ "first_name": null, "last_name": "  ", "billing_address": { "country": "US" } }""")).ProblemAsync(422);
        Assert.Equal(["billing_address.zip_code", "first_name", "last_name"], problem.ErrorKeys());
        Assert.Equal(["is required"], problem["errors"]!["first_name"]!.AsArray().Select(m => m!.GetValue<string>()));

        // A value of the wrong type or an unknown customer type is refused before the customer is read.
        Assert.Equal(["type"], (await (await api.PatchCustomerAsync(id, """{ "type": "robot" }""")).ProblemAsync(422)).ErrorKeys());
        Assert.Equal(["billing_address"], (await (await api.PatchCustomerAsync(id, """{ "billing_address": 7 }""")).ProblemAsync(422)).ErrorKeys());
        // The billing address cannot be cleared, whether by null or by a blank string.
        var cleared = (await (await api.PatchCustomerAsync(id, """{ "billing_address": null }""")).ProblemAsync(422)).ErrorKeys();
        Assert.Contains("billing_address.line1", cleared);
        Assert.Equal(cleared, (await (await api.PatchCustomerAsync(id, """{ "billing_address": "  " }""")).ProblemAsync(422)).ErrorKeys());
        Assert.Equal("Ada", (await app.Customers.GetAsync(Guid.Parse(id)))!.FirstName);
    }

    [Fact]
    public async Task Malformed_json_is_400_a_taken_email_409_an_unknown_customer_404()
    {
        var (id, _) = await CreateAsync();
        var (other, _) = await CreateAsync();
        var otherEmail = (await app.Customers.GetAsync(Guid.Parse(other)))!.Email;

        await (await api.PatchCustomerAsync(id, "{ \"first_name\": ")).ProblemAsync(400);
        await (await api.PatchCustomerAsync(id, "[1]")).ProblemAsync(400);
        var taken = await (await api.PatchCustomerAsync(id, $$"""{ "email": "{{otherEmail.ToUpperInvariant()}}" }""")).ProblemAsync(409);
        Assert.Equal("email_taken", taken["code"]!.GetValue<string>());
        await (await api.PatchCustomerAsync(Guid.CreateVersion7().ToString(), """{ "phone": "+44 7911 123457" }""")).ProblemAsync(404);
    }

    [Fact]
    public async Task Names_of_an_active_customer_are_403_and_an_empty_patch_changes_nothing()
    {
        var (id, etag) = await CreateAsync();
        var compliance = await app.ActorAsync(BackOffice.Core.Identity.Roles.Compliance);
        Assert.True((await app.Reviews.ApproveKycAsync(Guid.Parse(id), compliance)).Succeeded);

        var problem = await (await api.PatchCustomerAsync(id, """{ "last_name": "Byron" }""")).ProblemAsync(403);
        Assert.Equal(CustomerEditService.IdentityMessage, problem["detail"]!.GetValue<string>());

        var unchanged = await api.PatchCustomerAsync(id, "{}");
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.DoesNotContain(await app.Customers.GetAuditTrailAsync(Guid.Parse(id)), e => e.Action == CustomerAuditActions.Edited);
    }
}
