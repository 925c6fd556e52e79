using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Customers;

public sealed class CustomerReviewServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerReviewService Reviews => database.Reviews;

    private async Task<Customer> PendingCustomer(Core.Identity.Actor? creator = null)
    {
        var result = await database.Customers.CreateAsync(Samples.Customer(), creator ?? TestDatabase.Agent);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task Compliance_approves_a_pending_customer_and_the_decision_is_audited()
    {
        var customer = await PendingCustomer();
        database.Clock.Advance(TimeSpan.FromHours(2));

        var result = await Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);

        Assert.True(result.Succeeded, result.Message);
        var stored = (await database.Customers.GetAsync(customer.Id))!;
        Assert.Equal(CustomerStatus.Active, stored.Status);
        Assert.Equal(customer.CreatedAt, customer.UpdatedAt);
        Assert.Equal(database.Clock.Now.UtcDateTime, stored.UpdatedAt);
        var decision = (await database.Customers.GetAuditTrailAsync(customer.Id))[^1];
        Assert.Equal(CustomerAuditActions.KycApproved, decision.Action);
        Assert.Equal(CustomerStatus.PendingKyc, decision.FromStatus);
        Assert.Equal(CustomerStatus.Active, decision.ToStatus);
        Assert.Equal("Carol Compliance", decision.ActorName);
        Assert.Equal(database.Clock.Now.UtcDateTime, decision.At);
        var counts = await database.Customers.CountByStatusAsync();
        Assert.Equal(0, counts[CustomerStatus.PendingKyc]);
        Assert.Equal(1, counts[CustomerStatus.Active]);
    }

    [Fact]
    public async Task Rejecting_requires_a_reason_and_records_it()
    {
        var customer = await PendingCustomer();

        var withoutReason = await Reviews.RejectKycAsync(customer.Id, TestDatabase.Compliance, "   ");
        var withReason = await Reviews.RejectKycAsync(customer.Id, TestDatabase.Compliance, " Document expired ");

        Assert.Equal(ServiceResultKind.Invalid, withoutReason.Kind);
        Assert.Equal(["is required"], withoutReason.Errors["Reason"]);
        Assert.True(withReason.Succeeded);
        var decision = (await database.Customers.GetAuditTrailAsync(customer.Id))[^1];
        Assert.Equal(CustomerAuditActions.KycRejected, decision.Action);
        Assert.Equal("Document expired", decision.Reason);
    }

    [Fact]
    public async Task A_reason_may_span_lines_but_not_carry_other_control_characters()
    {
        var customer = await PendingCustomer();

        var withNul = await Reviews.RejectKycAsync(customer.Id, TestDatabase.Compliance, "Document\u0000expired");
        var multiLine = await Reviews.RejectKycAsync(customer.Id, TestDatabase.Compliance, "Document expired.\nAsk for a new passport.");

        Assert.Equal(ServiceResultKind.Invalid, withNul.Kind);
        Assert.Equal(["may not contain control characters"], withNul.Errors["Reason"]);
        Assert.True(multiLine.Succeeded, multiLine.Message);
        Assert.Equal("Document expired.\nAsk for a new passport.", (await database.Customers.GetAuditTrailAsync(customer.Id))[^1].Reason);
    }

    [Fact]
    public async Task Suspends_an_active_customer_with_a_reason_and_reinstates_them()
    {
        var customer = await PendingCustomer();
        await Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);

        Assert.Equal(ServiceResultKind.Invalid, (await Reviews.SuspendAsync(customer.Id, TestDatabase.Compliance, null)).Kind);
        Assert.True((await Reviews.SuspendAsync(customer.Id, TestDatabase.Compliance, "Chargeback investigation")).Succeeded);
        Assert.Equal(CustomerStatus.Suspended, (await database.Customers.GetAsync(customer.Id))!.Status);
        Assert.Equal(ServiceResultKind.Invalid, (await Reviews.ReinstateAsync(customer.Id, TestDatabase.Admin, " ")).Kind);
        Assert.True((await Reviews.ReinstateAsync(customer.Id, TestDatabase.Admin, "Investigation closed")).Succeeded);

        var trail = await database.Customers.GetAuditTrailAsync(customer.Id);
        Assert.Equal([CustomerAuditActions.Created, CustomerAuditActions.KycApproved, CustomerAuditActions.Suspended, CustomerAuditActions.Reinstated],
            trail.Select(e => e.Action));
        Assert.Equal(CustomerStatus.Active, (await database.Customers.GetAsync(customer.Id))!.Status);
    }

    [Fact]
    public async Task Refuses_illegal_transitions()
    {
        var pending = await PendingCustomer();
        var rejected = await PendingCustomer();
        await Reviews.RejectKycAsync(rejected.Id, TestDatabase.Compliance, "Sanctions match");

        Assert.Equal(ServiceResultKind.Conflict, (await Reviews.SuspendAsync(pending.Id, TestDatabase.Compliance, "x")).Kind);
        Assert.Equal(ServiceResultKind.Conflict, (await Reviews.ReinstateAsync(pending.Id, TestDatabase.Compliance, "x")).Kind);
        Assert.Equal(ServiceResultKind.Conflict, (await Reviews.ApproveKycAsync(rejected.Id, TestDatabase.OtherCompliance)).Kind);
        Assert.Equal(ServiceResultKind.Conflict, (await Reviews.SuspendAsync(rejected.Id, TestDatabase.Compliance, "x")).Kind);
        Assert.Equal(CustomerStatus.PendingKyc, (await database.Customers.GetAsync(pending.Id))!.Status);
        Assert.Equal(CustomerStatus.Rejected, (await database.Customers.GetAsync(rejected.Id))!.Status);
    }

    [Fact]
    public async Task Nobody_approves_a_customer_they_created()
    {
        var customer = await PendingCustomer(creator: TestDatabase.Admin);

        var own = await Reviews.ApproveKycAsync(customer.Id, TestDatabase.Admin);
        var other = await Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);

        Assert.Equal(ServiceResultKind.Forbidden, own.Kind);
        Assert.Contains("four-eyes", own.Message);
        Assert.True(other.Succeeded);
    }

    [Fact]
    public async Task Agents_and_managers_cannot_decide_KYC_or_suspend()
    {
        var customer = await PendingCustomer();

        Assert.Equal(ServiceResultKind.Forbidden, (await Reviews.ApproveKycAsync(customer.Id, TestDatabase.OtherAgent)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await Reviews.RejectKycAsync(customer.Id, TestDatabase.Manager, "no")).Kind);
        await Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);
        Assert.Equal(ServiceResultKind.Forbidden, (await Reviews.SuspendAsync(customer.Id, TestDatabase.Agent, "x")).Kind);
        Assert.Equal(CustomerStatus.Active, (await database.Customers.GetAsync(customer.Id))!.Status);
    }

    [Fact]
    public async Task A_second_decision_is_told_who_decided_first_and_when()
    {
        var customer = await PendingCustomer();
        await Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);

        var late = await Reviews.RejectKycAsync(customer.Id, TestDatabase.OtherCompliance, "Too late");

        Assert.Equal(ServiceResultKind.Conflict, late.Kind);
        Assert.Equal("Already decided: KYC approved by Carol Compliance at 2026-11-25 09:30:00 UTC. The customer is now Active.", late.Message);
    }

    [Fact]
    public async Task Of_concurrent_decisions_on_one_customer_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var customer = await PendingCustomer();
            var decisions = Enumerable.Range(0, 6).Select(i => Task.Run(() => i % 2 == 0
                ? Reviews.ApproveKycAsync(customer.Id, i % 4 == 0 ? TestDatabase.Compliance : TestDatabase.OtherCompliance)
                : Reviews.RejectKycAsync(customer.Id, TestDatabase.Admin, $"reason {i}")));

            var results = await Task.WhenAll(decisions);

            Assert.Single(results, r => r.Succeeded);
            Assert.All(results.Where(r => !r.Succeeded), r =>
            {
                Assert.Equal(ServiceResultKind.Conflict, r.Kind);
                Assert.StartsWith("Already decided:", r.Message);
            });
            var trail = await database.Customers.GetAuditTrailAsync(customer.Id);
            Assert.Equal(2, trail.Count);
        }
        var counts = await database.Customers.CountByStatusAsync();
        Assert.Equal(5, counts.Values.Sum());
        Assert.Equal(0, counts[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_changed_or_deleted()
    {
        var customer = await PendingCustomer();
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var entry = await db.CustomerAudit.FirstAsync(e => e.CustomerId == customer.Id);

        db.CustomerAudit.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        // Below EF Core too: the database itself refuses.
        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE customer_audit SET \"Reason\" = 'rewritten'"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM customer_audit"));
        Assert.Contains("append-only", delete.Message);
    }
}
