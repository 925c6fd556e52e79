using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Tests.Dashboard;

/// <summary>The dashboard's figures against a fixed clock and data made at known moments.</summary>
public sealed class OnboardingDashboardServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private DateTime now;

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private OnboardingDashboardService Service(double slaHours = 48) =>
        new(database.DbFactory, database.Customers, database.Clock, Options.Create(new DashboardOptions { PendingSlaHours = slaHours }));

    private async Task<Guid> CreateAtAsync(TimeSpan ago, CustomerType type = CustomerType.Individual)
    {
        database.Clock.Now = now - ago;
        var input = Samples.Customer();
        input.Type = type;
        return (await database.Customers.CreateAsync(input, TestDatabase.Agent)).Value!.Id;
    }

    private async Task DecideAtAsync(Guid id, TimeSpan ago, Actor reviewer, bool approve)
    {
        database.Clock.Now = now - ago;
        var result = approve
            ? await database.Reviews.ApproveKycAsync(id, reviewer)
            : await database.Reviews.RejectKycAsync(id, reviewer, "Documents do not match");
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>
    /// Pending: 2 h, 30 h, 50 h, 4 d and 10 d old. Decided in the window after 2 h, 4 h, 6 h and 10 h;
    /// one more decision 35 days ago, outside the window.
    /// </summary>
    private async Task ArrangeAsync()
    {
        now = database.Clock.Now.UtcDateTime;

        var old = await CreateAtAsync(TimeSpan.FromDays(40));
        await DecideAtAsync(old, TimeSpan.FromDays(35), TestDatabase.Compliance, approve: true);

        var a = await CreateAtAsync(TimeSpan.FromDays(5));
        await DecideAtAsync(a, TimeSpan.FromDays(5) - TimeSpan.FromHours(2), TestDatabase.Compliance, approve: true);
        var b = await CreateAtAsync(TimeSpan.FromDays(6), type: CustomerType.Business);
        await DecideAtAsync(b, TimeSpan.FromDays(6) - TimeSpan.FromHours(4), TestDatabase.Compliance, approve: false);
        var c = await CreateAtAsync(TimeSpan.FromDays(3));
        await DecideAtAsync(c, TimeSpan.FromDays(3) - TimeSpan.FromHours(6), TestDatabase.OtherCompliance, approve: true);
        var d = await CreateAtAsync(TimeSpan.FromDays(2), type: CustomerType.Business);
        await DecideAtAsync(d, TimeSpan.FromDays(2) - TimeSpan.FromHours(10), TestDatabase.OtherCompliance, approve: true);

        await CreateAtAsync(TimeSpan.FromHours(2));
        await CreateAtAsync(TimeSpan.FromHours(30), type: CustomerType.Business);
        await CreateAtAsync(TimeSpan.FromHours(50));
        await CreateAtAsync(TimeSpan.FromDays(4));
        await CreateAtAsync(TimeSpan.FromDays(10));

        database.Clock.Now = now;
    }

    [Fact]
    public async Task Decision_times_are_the_median_and_90th_percentile_of_the_windows_decisions()
    {
        await ArrangeAsync();

        var dashboard = (await Service().GetAsync(TestDatabase.Manager)).Value!;

        Assert.Equal(4, dashboard.DecisionTimes.Count); // the decision 35 days ago is outside the window
        Assert.Equal(TimeSpan.FromHours(5), dashboard.DecisionTimes.Median); // between 4 h and 6 h
        Assert.Equal(TimeSpan.FromHours(8.8), dashboard.DecisionTimes.Percentile90); // 6 h + 0.7 × (10 h − 6 h)
    }

    [Fact]
    public async Task Pending_customers_fall_into_age_buckets_and_breaches_are_counted_against_the_SLA()
    {
        await ArrangeAsync();

        var pending = (await Service().GetAsync(TestDatabase.Manager)).Value!.Pending;

        Assert.Equal(5, pending.Total);
        Assert.Equal(1, pending.UnderOneDay);
        Assert.Equal(2, pending.OneToThreeDays);
        Assert.Equal(1, pending.ThreeToSevenDays);
        Assert.Equal(1, pending.OverSevenDays);
        Assert.Equal(TimeSpan.FromHours(48), pending.Sla);
        Assert.Equal(3, pending.SlaBreaches); // 50 h, 4 d, 10 d
        Assert.Equal([TimeSpan.FromDays(10), TimeSpan.FromDays(4), TimeSpan.FromHours(50), TimeSpan.FromHours(30), TimeSpan.FromHours(2)],
            pending.Oldest.Select(w => w.Waiting));
        Assert.Equal([true, true, true, false, false], pending.Oldest.Select(w => w.BreachesSla));
    }

    [Fact]
    public async Task Waits_exactly_on_an_edge_fall_into_the_older_bucket_and_a_wait_of_exactly_the_SLA_is_a_breach()
    {
        now = database.Clock.Now.UtcDateTime;
        foreach (var wait in new[] { TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromHours(48) - TimeSpan.FromMilliseconds(1) })
            await CreateAtAsync(wait);
        database.Clock.Now = now;

        var pending = (await Service().GetAsync(TestDatabase.Manager)).Value!.Pending;

        Assert.Equal((0L, 2L, 1L, 1L), (pending.UnderOneDay, pending.OneToThreeDays, pending.ThreeToSevenDays, pending.OverSevenDays));
        Assert.Equal(2, pending.SlaBreaches); // 3 d and 7 d; 48 h − 1 ms is just inside

        database.Clock.Advance(TimeSpan.FromMilliseconds(1)); // now the youngest has waited exactly 48 h
        var later = (await Service().GetAsync(TestDatabase.Manager)).Value!.Pending;
        Assert.Equal(3, later.SlaBreaches);
        Assert.Equal(3, later.Oldest.Count(w => w.BreachesSla));
    }

    [Fact]
    public async Task Days_are_UTC_days()
    {
        database.Clock.Now = new DateTimeOffset(2026, 11, 25, 0, 30, 0, TimeSpan.Zero);
        now = database.Clock.Now.UtcDateTime;
        await CreateAtAsync(TimeSpan.FromMinutes(40)); // 23:50 the day before
        await CreateAtAsync(TimeSpan.FromMinutes(20)); // 00:10 today
        database.Clock.Now = now;

        var days = (await Service().GetAsync(TestDatabase.Manager)).Value!.Days;

        Assert.Equal(1, days[^1].Individuals);
        Assert.Equal(new DateOnly(2026, 11, 24), days[^2].Day);
        Assert.Equal(1, days[^2].Individuals);
    }

    [Fact]
    public async Task The_SLA_is_configurable()
    {
        await ArrangeAsync();

        var pending = (await Service(slaHours: 24).GetAsync(TestDatabase.Manager)).Value!.Pending;

        Assert.Equal(4, pending.SlaBreaches);
        Assert.Equal([true, true, true, true, false], pending.Oldest.Select(w => w.BreachesSla));
    }

    [Fact]
    public async Task Reviewers_and_the_approval_rate_cover_the_windows_decisions()
    {
        await ArrangeAsync();

        var dashboard = (await Service().GetAsync(TestDatabase.Admin)).Value!;

        Assert.Equal(0.75, dashboard.ApprovalRate);
        Assert.Collection(dashboard.Reviewers,
            r => { Assert.Equal(TestDatabase.Compliance.Name, r.ReviewerName); Assert.Equal(1, r.Approved); Assert.Equal(1, r.Rejected); },
            r => { Assert.Equal(TestDatabase.OtherCompliance.Name, r.ReviewerName); Assert.Equal(2, r.Approved); Assert.Equal(0, r.Rejected); });
    }

    [Fact]
    public async Task Days_count_new_customers_by_type_and_decisions_for_the_last_30_days()
    {
        await ArrangeAsync();

        var dashboard = (await Service().GetAsync(TestDatabase.Manager)).Value!;
        var today = DateOnly.FromDateTime(now);

        Assert.Equal(30, dashboard.Days.Count);
        Assert.Equal(today.AddDays(-29), dashboard.Days[0].Day);
        Assert.Equal(today, dashboard.Days[^1].Day);
        OnboardingDay On(TimeSpan ago) => dashboard.Days.Single(d => d.Day == DateOnly.FromDateTime(now - ago));
        Assert.Equal((0, 1), (On(TimeSpan.FromDays(6)).Individuals, On(TimeSpan.FromDays(6)).Businesses));
        Assert.Equal((0, 1), (On(TimeSpan.FromHours(30)).Individuals, On(TimeSpan.FromHours(30)).Businesses));
        Assert.Equal(9, dashboard.Days.Sum(d => d.Individuals + d.Businesses)); // 4 decided + 5 pending; the one 40 days ago is outside
        Assert.Equal(3, dashboard.Days.Sum(d => d.Approved));
        Assert.Equal(1, dashboard.Days.Sum(d => d.Rejected));
        Assert.Equal(1, On(TimeSpan.FromDays(6) - TimeSpan.FromHours(4)).Rejected);
    }

    [Fact]
    public async Task A_recount_from_scratch_gives_the_counts_kept_as_changes_happened()
    {
        await ArrangeAsync();
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var kept = (await db.OnboardingDailyCounts.AsNoTracking().ToListAsync()).OrderBy(d => d.Day).Select(d => (d.Day, d.CreatedIndividual, d.CreatedBusiness, d.KycApproved, d.KycRejected)).ToList();

        await DailyCounts.RecountAsync(db);

        var recounted = (await db.OnboardingDailyCounts.AsNoTracking().ToListAsync()).OrderBy(d => d.Day).Select(d => (d.Day, d.CreatedIndividual, d.CreatedBusiness, d.KycApproved, d.KycRejected)).ToList();
        Assert.NotEmpty(kept);
        Assert.Equal(kept, recounted);
    }

    [Fact]
    public async Task Counts_by_status_come_from_the_kept_counts()
    {
        await ArrangeAsync();

        var counts = (await Service().GetAsync(TestDatabase.Manager)).Value!.CustomersByStatus;

        Assert.Equal(5, counts[CustomerStatus.PendingKyc]);
        Assert.Equal(4, counts[CustomerStatus.Active]);
        Assert.Equal(1, counts[CustomerStatus.Rejected]);
        Assert.Equal(0, counts[CustomerStatus.Suspended]);
    }

    [Fact]
    public async Task An_empty_database_has_no_decision_times_and_no_rate()
    {
        var dashboard = (await Service().GetAsync(TestDatabase.Manager)).Value!;

        Assert.Equal(new DecisionTimes(0, null, null), dashboard.DecisionTimes);
        Assert.Null(dashboard.ApprovalRate);
        Assert.Empty(dashboard.Pending.Oldest);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Compliance)]
    public async Task Only_managers_and_administrators_see_it(string role)
    {
        var result = await Service().GetAsync(Actor.Create("someone", "Someone", role));
        Assert.Equal(ServiceResultKind.Forbidden, result.Kind);
    }

    [Fact]
    public void Percentiles_interpolate_between_neighbours()
    {
        TimeSpan[] values = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4)];
        Assert.Equal(TimeSpan.FromMinutes(2.5), Percentiles.Of(values, 50));
        Assert.Equal(TimeSpan.FromMinutes(3.7), Percentiles.Of(values, 90));
        Assert.Equal(TimeSpan.FromMinutes(1), Percentiles.Of(values, 0));
        Assert.Equal(TimeSpan.FromMinutes(4), Percentiles.Of(values, 100));
        Assert.Equal(TimeSpan.FromMinutes(7), Percentiles.Of([TimeSpan.FromMinutes(7)], 90));
    }

    [Fact]
    public async Task Kept_decisions_of_ended_days_plus_todays_give_the_same_figures_on_every_refresh_and_after_midnight()
    {
        await ArrangeAsync();
        var kept = new DecisionsOfPastDays();
        OnboardingDashboardService Kept() =>
            new(database.DbFactory, database.Customers, database.Clock, Options.Create(new DashboardOptions { PendingSlaHours = 48 }), kept);

        var first = (await Kept().GetAsync(TestDatabase.Manager)).Value!;
        var young = await CreateAtAsync(TimeSpan.FromHours(1));
        await DecideAtAsync(young, TimeSpan.Zero, TestDatabase.Compliance, approve: true); // today: read on every refresh
        database.Clock.Now = now;
        var refreshed = (await Kept().GetAsync(TestDatabase.Manager)).Value!;
        now = now.Date.AddDays(1).AddHours(1); // the next day: yesterday is kept from now on, with today's decision in it
        database.Clock.Now = now;
        var tomorrow = (await Kept().GetAsync(TestDatabase.Manager)).Value!;

        Assert.Equal(4, first.DecisionTimes.Count);
        Assert.Equal(5, refreshed.DecisionTimes.Count);
        Assert.Equal((await Service().GetAsync(TestDatabase.Manager)).Value!.DecisionTimes, tomorrow.DecisionTimes);
        Assert.Equal(5, tomorrow.DecisionTimes.Count);
    }
}
