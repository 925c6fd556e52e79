using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Customers;

public sealed class CustomerEditServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerEditService Edits => database.Services.GetRequiredService<CustomerEditService>();

    private async Task<Customer> CreateAsync(string? email = null)
    {
        var result = await database.Customers.CreateAsync(Samples.Customer(email: email), TestDatabase.Agent);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private static Func<Customer, NewCustomer> Change(Action<NewCustomer> change) => customer =>
    {
        var input = CustomerPatch.NewCustomerFrom(customer);
        change(input);
        return input;
    };

    [Fact]
    public async Task An_agent_fixes_a_postcode_and_the_history_keeps_the_old_and_new_value()
    {
        var customer = await CreateAsync();
        database.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await Edits.EditAsync(customer.Id, Change(c => c.BillingAddress.ZipCode = " sw1a 2aa"), customer.Version, TestDatabase.OtherAgent);

        Assert.True(result.Succeeded, result.Message);
        var stored = (await database.Customers.GetAsync(customer.Id))!;
        Assert.Equal("SW1A 2AA", stored.BillingAddress.ZipCode);
        Assert.Equal(customer.Version + 1, stored.Version);
        Assert.Equal(database.Clock.Now.UtcDateTime, stored.UpdatedAt);
        var edit = Assert.Single(await database.Customers.GetAuditTrailAsync(customer.Id), e => e.Action == CustomerAuditActions.Edited);
        Assert.Equal("Sam Support", edit.ActorName);
        Assert.Equal(database.Clock.Now.UtcDateTime, edit.At);
        var change = Assert.Single(CustomerFieldChange.FromJson(edit.Changes));
        Assert.Equal(new CustomerFieldChange("billing_address.zip_code", "SW1A 1AA", "SW1A 2AA"), change);
        Assert.Equal("ZIP / postal code", change.Label);
    }

    [Fact]
    public async Task Every_changed_field_is_recorded_and_an_unchanged_save_records_nothing()
    {
        var customer = await CreateAsync();

        database.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Edits.EditAsync(customer.Id, Change(_ => { }), null, TestDatabase.Agent)).Succeeded);
        Assert.DoesNotContain(await database.Customers.GetAuditTrailAsync(customer.Id), e => e.Action == CustomerAuditActions.Edited);
        Assert.Equal(customer.UpdatedAt, (await database.Customers.GetAsync(customer.Id))!.UpdatedAt);

        var edited = await Edits.EditAsync(customer.Id, Change(c =>
        {
            c.FirstName = "Augusta";
            c.Phone = "+44 7911 123457";
            c.BillingAddress.Line2 = "Flat 2";
        }), null, TestDatabase.Agent);
        Assert.True(edited.Succeeded, edited.Message + string.Join(";", edited.Errors.Select(e => e.Key + ":" + string.Join(",", e.Value))));

        var edit = Assert.Single(await database.Customers.GetAuditTrailAsync(customer.Id), e => e.Action == CustomerAuditActions.Edited);
        Assert.Equal(["first_name", "phone", "billing_address.line2"], CustomerFieldChange.FromJson(edit.Changes).Select(c => c.Field));
        var stored = (await database.Customers.GetAsync(customer.Id))!;
        Assert.Equal("augusta", stored.FirstNameKey); // search finds the new name
    }

    [Fact]
    public async Task The_create_validators_judge_an_edit_and_nothing_is_saved_when_they_refuse()
    {
        var customer = await CreateAsync();

        var result = await Edits.EditAsync(customer.Id, Change(c => { c.BillingAddress.Country = "US"; c.Email = "nope"; }), null, TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal(["BillingAddress.ZipCode", "Email"], result.Errors.Keys.Order());
        Assert.Equal(customer.Version, (await database.Customers.GetAsync(customer.Id))!.Version);
    }

    [Fact]
    public async Task An_email_used_by_another_customer_is_refused_naming_them()
    {
        var other = await CreateAsync("grace@example.com");
        var customer = await CreateAsync();

        var result = await Edits.EditAsync(customer.Id, Change(c => c.Email = "Grace@Example.com"), null, TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Conflict, result.Kind);
        Assert.Equal(other.Id, result.ExistingCustomerId);
    }

    [Fact]
    public async Task A_form_opened_before_someone_elses_change_is_refused_and_overwrites_nothing()
    {
        var customer = await CreateAsync();
        await Edits.EditAsync(customer.Id, Change(c => c.BillingAddress.City = "Oxford"), customer.Version, TestDatabase.OtherAgent);

        var late = await Edits.EditAsync(customer.Id, Change(c => c.Phone = "+44 7911 123458"), customer.Version, TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Conflict, late.Kind);
        Assert.Equal(CustomerEditService.ChangedMeanwhile, late.Code);
        Assert.Contains("details edited by Sam Support", late.Message);
        var stored = (await database.Customers.GetAsync(customer.Id))!;
        Assert.Equal("Oxford", stored.BillingAddress.City);
        Assert.Equal("+447911123456", stored.Phone);
    }

    [Fact]
    public async Task Names_and_type_of_an_active_customer_are_changed_only_by_compliance_and_admins()
    {
        var customer = await CreateAsync();
        Assert.True((await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance)).Succeeded);

        var byAgent = await Edits.EditAsync(customer.Id, Change(c => c.LastName = "Byron"), null, TestDatabase.Agent);
        Assert.Equal(ServiceResultKind.Forbidden, byAgent.Kind);
        Assert.Equal(CustomerEditService.IdentityMessage, byAgent.Message);
        Assert.Equal(ServiceResultKind.Forbidden, (await Edits.EditAsync(customer.Id, Change(c => c.Type = CustomerType.Business), null, TestDatabase.Agent)).Kind);

        // The agent still corrects the address of an active customer; compliance changes only what KYC verified.
        Assert.True((await Edits.EditAsync(customer.Id, Change(c => c.BillingAddress.City = "Bath"), null, TestDatabase.Agent)).Succeeded);
        Assert.Equal(ServiceResultKind.Forbidden, (await Edits.EditAsync(customer.Id, Change(c => c.Phone = "+44 7911 123458"), null, TestDatabase.Compliance)).Kind);
        Assert.True((await Edits.EditAsync(customer.Id, Change(c => c.LastName = "King"), null, TestDatabase.Compliance)).Succeeded);
        Assert.True((await Edits.EditAsync(customer.Id, Change(c => c.FirstName = "Augusta Ada"), null, TestDatabase.Admin)).Succeeded);
        Assert.Equal("Augusta Ada King", (await database.Customers.GetAsync(customer.Id))!.FullName);
    }

    [Fact]
    public async Task Managers_cannot_edit_and_a_partner_cannot_reach_another_partners_customer()
    {
        var customer = await CreateAsync();
        Assert.Equal(ServiceResultKind.Forbidden, (await Edits.EditAsync(customer.Id, Change(c => c.BillingAddress.City = "Leeds"), null, TestDatabase.Manager)).Kind);

        var partner = Actor.Create("api-key:1", "Partner key", Roles.ApiClient) with { PartnerId = Guid.CreateVersion7() };
        Assert.Equal(ServiceResultKind.NotFound, (await Edits.EditAsync(customer.Id, Change(c => c.BillingAddress.City = "Leeds"), null, partner)).Kind);
        Assert.Equal(ServiceResultKind.NotFound, (await Edits.EditAsync(Guid.CreateVersion7(), Change(c => c.BillingAddress.City = "Leeds"), null, TestDatabase.Agent)).Kind);
    }

    [Fact]
    public async Task A_patch_changes_only_what_it_names_and_clears_only_the_optional_line()
    {
        var created = await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent);
        await Edits.EditAsync(created.Value!.Id, Change(c => c.BillingAddress.Line2 = "Flat 2"), null, TestDatabase.Agent);
        var patch = new CustomerPatch { BillingAddress = new BillingAddressPatch { City = "York" }, Cleared = new HashSet<string> { "BillingAddress.Line2" } };

        var result = await Edits.EditAsync(created.Value.Id, patch.ApplyTo, null, TestDatabase.Agent);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("York", result.Value!.BillingAddress.City);
        Assert.Null(result.Value.BillingAddress.Line2);
        Assert.Equal("Ada", result.Value.FirstName);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(2, await db.CustomerAudit.CountAsync(e => e.CustomerId == created.Value.Id && e.Action == CustomerAuditActions.Edited));
    }
}
