using BackOffice.Core.Customers;
using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Screening;

public sealed class ScreeningServiceTests(ScreeningDatabase fixture) : IClassFixture<ScreeningDatabase>
{
    private TestDatabase Database => fixture.Database;

    private async Task<Customer> Create(string first, string last, CustomerType type = CustomerType.Individual, string country = "GB")
    {
        var input = Samples.Customer(country: country, zip: country == "GB" ? "SW1A 1AA" : "12345");
        input.FirstName = first;
        input.LastName = last;
        input.Type = type;
        var result = await Database.Customers.CreateAsync(input, TestDatabase.Agent);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task A_new_customer_with_a_listed_name_is_a_potential_match_with_the_hit_and_the_screening_audited()
    {
        var customer = await Create("Ayman", "al-Zawahiri");

        var stored = (await Database.Customers.GetAsync(customer.Id))!;
        Assert.Equal(ScreeningStatus.PotentialMatch, stored.ScreeningStatus);
        Assert.Equal(Database.Clock.Now.UtcDateTime, stored.ScreenedAt);
        var hits = await fixture.Screening.GetHitsAsync(customer.Id);
        var hit = Assert.Single(hits, h => h.ListName == SanctionsListFolder.Ofac && h.EntryId == "2676");
        Assert.Equal(ScreeningHitStatus.Open, hit.Status);
        Assert.True(hit.Score >= ScreeningOptions.DefaultThreshold);
        Assert.Contains("SDGT", hit.Entry.Programs);
        Assert.NotEmpty(hit.Entry.DatesOfBirth);
        var audit = await Database.Customers.GetAuditTrailAsync(customer.Id);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.ScreeningHitRaised && e.Detail!.Contains("2676"));
        var screened = Assert.Single(audit, e => e.Action == CustomerAuditActions.Screened);
        Assert.Contains("OFAC SDN 2022-01-31", screened.Detail);
        Assert.Contains("UN 2018-10-29", screened.Detail);
    }

    [Fact]
    public async Task Correcting_a_name_to_a_listed_one_screens_the_customer_again()
    {
        var customer = await Create("Grace", "Hopper");
        Assert.Equal(ScreeningStatus.Clear, (await Database.Customers.GetAsync(customer.Id))!.ScreeningStatus);
        var edits = Database.Services.GetRequiredService<CustomerEditService>();

        var edited = await edits.EditAsync(customer.Id, c => { var input = CustomerPatch.NewCustomerFrom(c); input.FirstName = "Ayman"; input.LastName = "al-Zawahiri"; return input; },
            null, TestDatabase.Agent);

        Assert.True(edited.Succeeded, edited.Message);
        Assert.Equal(ScreeningStatus.PotentialMatch, (await Database.Customers.GetAsync(customer.Id))!.ScreeningStatus);
        Assert.Contains(await fixture.Screening.GetHitsAsync(customer.Id), h => h.EntryId == "2676");
        // A change of address only is not a reason to screen again.
        var screenings = (await Database.Customers.GetAuditTrailAsync(customer.Id)).Count(e => e.Action == CustomerAuditActions.Screened);
        await edits.EditAsync(customer.Id, c => { var input = CustomerPatch.NewCustomerFrom(c); input.BillingAddress.City = "Leeds"; return input; }, null, TestDatabase.Agent);
        Assert.Equal(screenings, (await Database.Customers.GetAuditTrailAsync(customer.Id)).Count(e => e.Action == CustomerAuditActions.Screened));
    }

    [Fact]
    public async Task An_everyday_customer_is_clear()
    {
        var customer = await Create("Ada", "Lovelace");

        Assert.Equal(ScreeningStatus.Clear, (await Database.Customers.GetAsync(customer.Id))!.ScreeningStatus);
        Assert.Empty(await fixture.Screening.GetHitsAsync(customer.Id));
    }

    [Fact]
    public async Task The_potential_match_list_pages_on_from_a_customer_just_cleared()
    {
        // Each a second apart and after the other tests' customers (the clock stands still otherwise).
        Database.Clock.Advance(TimeSpan.FromSeconds(1));
        var older = await Create("Joaquin", "Guzman Loera");
        Database.Clock.Advance(TimeSpan.FromSeconds(1));
        var cleared = await Create("Ayman", "Zawahiri");
        var query = new CustomerListQuery { Screening = ScreeningStatus.PotentialMatch, PageSize = 1 };
        Assert.Equal(cleared.Id, Assert.Single((await Database.Customers.ListAsync(query)).Value!.Items).Id);

        // Compliance clears the customer on the page just shown, then asks for the next page and back.
        foreach (var hit in await fixture.Screening.GetHitsAsync(cleared.Id))
            Assert.True((await fixture.Screening.ResolveAsync(hit.Id, confirmed: false, "Not the listed person", TestDatabase.Compliance)).Succeeded);

        var next = await Database.Customers.ListAsync(query with { StartingAfter = cleared.Id });
        Assert.True(next.Succeeded, next.Message);
        Assert.Equal(older.Id, Assert.Single(next.Value!.Items).Id);
        var back = await Database.Customers.ListAsync(query with { EndingBefore = cleared.Id });
        Assert.True(back.Succeeded, back.Message);
        Assert.Empty(back.Value!.Items);
    }

    [Fact]
    public async Task KYC_approval_is_refused_by_the_service_while_a_hit_is_unresolved()
    {
        var customer = await Create("Joaquin", "Guzman Loera");

        var result = await Database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);

        Assert.Equal(Core.ServiceResultKind.Conflict, result.Kind);
        Assert.Equal("screening_unresolved", result.Code);
        Assert.Equal(CustomerStatus.PendingKyc, (await Database.Customers.GetAsync(customer.Id))!.Status);
    }

    [Fact]
    public async Task A_false_positive_clears_the_customer_and_is_not_raised_again_when_screened_again()
    {
        var customer = await Create("Joaquin", "Guzman Loera");
        var hits = await fixture.Screening.GetHitsAsync(customer.Id);

        foreach (var hit in hits)
        {
            var resolved = await fixture.Screening.ResolveAsync(hit.Id, confirmed: false, "Date of birth 1990, not the listed person", TestDatabase.Compliance);
            Assert.True(resolved.Succeeded, resolved.Message);
        }
        Assert.Equal(ScreeningStatus.Clear, (await Database.Customers.GetAsync(customer.Id))!.ScreeningStatus);

        var again = await fixture.Screening.RescreenAsync(customer.Id, TestDatabase.Agent);
        Assert.True(again.Succeeded, again.Message);
        Assert.Equal(ScreeningStatus.Clear, again.Value!.ScreeningStatus);
        Assert.Equal(hits.Count, (await fixture.Screening.GetHitsAsync(customer.Id)).Count);
        Assert.True((await Database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance)).Succeeded);
        var audit = await Database.Customers.GetAuditTrailAsync(customer.Id);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.ScreeningHitFalsePositive && e.Reason == "Date of birth 1990, not the listed person" && e.ActorName == "Carol Compliance");
    }

    [Fact]
    public async Task A_confirmed_match_suspends_an_active_customer_at_once_and_blocks_approval_and_reinstatement()
    {
        var customer = await Create("Vasile", "Popescu"); // clear at creation
        Assert.True((await Database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance)).Succeeded);
        await using (var db = await Database.DbFactory.CreateDbContextAsync())
        {
            // The customer's name changes (the later edit calls RescreenAsync): now they match.
            await db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstName, "Ayman").SetProperty(c => c.LastName, "Zawahiri"));
        }
        var rescreened = await fixture.Screening.RescreenAsync(customer.Id, TestDatabase.Agent);
        Assert.Equal(ScreeningStatus.PotentialMatch, rescreened.Value!.ScreeningStatus);
        var hit = (await fixture.Screening.GetHitsAsync(customer.Id)).First();

        var confirmed = await fixture.Screening.ResolveAsync(hit.Id, confirmed: true, "Same date of birth and passport", TestDatabase.OtherCompliance);

        Assert.True(confirmed.Succeeded, confirmed.Message);
        var stored = (await Database.Customers.GetAsync(customer.Id))!;
        Assert.Equal(CustomerStatus.Suspended, stored.Status);
        Assert.Equal(ScreeningStatus.ConfirmedMatch, stored.ScreeningStatus);
        var audit = await Database.Customers.GetAuditTrailAsync(customer.Id);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.Suspended && e.ActorName == "Chris Checker" && e.Reason!.Contains("Confirmed sanctions match"));
        Assert.Equal("screening_unresolved", (await Database.Reviews.ReinstateAsync(customer.Id, TestDatabase.Compliance, "appeal")).Code);
        Assert.Equal(Core.ServiceResultKind.Conflict, (await fixture.Screening.ResolveAsync(hit.Id, confirmed: false, "changed my mind", TestDatabase.Compliance)).Kind);
    }

    [Fact]
    public async Task Only_compliance_resolves_hits_and_always_with_a_reason()
    {
        var customer = await Create("Osama", "Bin Laden");
        var hit = (await fixture.Screening.GetHitsAsync(customer.Id)).First();

        Assert.Equal(Core.ServiceResultKind.Forbidden, (await fixture.Screening.ResolveAsync(hit.Id, false, "looks fine", TestDatabase.Agent)).Kind);
        var noReason = await fixture.Screening.ResolveAsync(hit.Id, false, "  ", TestDatabase.Compliance);
        Assert.Equal(Core.ServiceResultKind.Invalid, noReason.Kind);
        Assert.Contains("Reason", noReason.Errors.Keys);
        Assert.Equal(Core.ServiceResultKind.NotFound, (await fixture.Screening.ResolveAsync(Guid.NewGuid(), false, "x", TestDatabase.Compliance)).Kind);
    }

    [Fact]
    public async Task The_dashboard_queue_lists_potential_matches_oldest_first()
    {
        var first = await Create("Ayman", "Zawahiri");
        Database.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Create("Usama", "Bin Ladin");

        var pending = await fixture.Screening.PendingMatchesAsync(limit: 100);

        var order = pending.Oldest.Select(p => p.CustomerId).ToList();
        Assert.True(order.IndexOf(first.Id) >= 0 && order.IndexOf(first.Id) < order.IndexOf(second.Id));
        Assert.True(pending.Total >= 2);
    }

    [Fact]
    public async Task A_list_change_re_screens_every_customer_in_batches_that_survive_a_restart()
    {
        var customers = new[] { await Create("Ada", "Byron"), await Create("Ayman", "Zawahiri"), await Create("Grace", "Hopper"), await Create("Alan", "Turing") };
        Database.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.Jobs.RequestAsync("test: list changed", SanctionsLists.Describe(fixture.Lists.Index), onlyNotScreened: false);

        var job = (await fixture.Jobs.LatestAsync())!;
        Assert.Null(job.CompletedAt);
        // One batch (3 customers), then "a restart": a fresh run carries on after the last batch.
        await using (var db = await Database.DbFactory.CreateDbContextAsync())
            Assert.Equal(0, (await db.ScreeningJobs.FirstAsync(j => j.Id == job.Id)).Done);
        Assert.True(await fixture.Runner.RunBatchAsync(job.Id, CancellationToken.None));
        await using (var db = await Database.DbFactory.CreateDbContextAsync())
            Assert.Equal(3, (await db.ScreeningJobs.FirstAsync(j => j.Id == job.Id)).Done);
        Assert.True(await fixture.Runner.RunNextAsync(CancellationToken.None));

        var done = (await fixture.Jobs.LatestAsync())!;
        Assert.NotNull(done.CompletedAt);
        await using var check = await Database.DbFactory.CreateDbContextAsync();
        Assert.Equal(await check.Customers.CountAsync(), done.Done);
        foreach (var customer in customers)
        {
            var stored = (await Database.Customers.GetAsync(customer.Id))!;
            Assert.Equal(Database.Clock.Now.UtcDateTime, stored.ScreenedAt);
            // A change like any other, whether cleared in bulk or screened one by one: updated_at and a new ETag.
            Assert.Equal(Database.Clock.Now.UtcDateTime, stored.UpdatedAt);
            Assert.Equal(customer.Version + 1, stored.Version);
            Assert.Equal(customer.FirstName == "Ayman" ? ScreeningStatus.PotentialMatch : ScreeningStatus.Clear, stored.ScreeningStatus);
        }
        // The open hit was kept (same entry, same fingerprint), not raised twice.
        Assert.Single(await fixture.Screening.GetHitsAsync(customers[1].Id), h => h.EntryId == "2676");
    }
}
