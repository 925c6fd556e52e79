using BackOffice.Core.Partners;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace BackOffice.Tests.Webhooks;

/// <summary>
/// The sender's rules that take time: an endpoint failing for 5 days is disabled, a rotated secret signs beside the new
/// one for 24 hours, no answer within the timeout is a failed attempt, and a redirect is not followed. The sender runs by
/// hand against a test clock and a real receiver on loopback (failing with 500 unless a test says otherwise).
/// </summary>
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.With(new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:Timeout"] = "00:00:01",
    });
    private WebhookReceiver receiver = null!;
    private BackOffice.Core.Identity.Actor partnerKey = null!;
    private Guid endpointId;
    private string secret = "";

    private WebhookSender Sender => database.Services.GetRequiredService<WebhookSender>();
    private WebhookEndpointService Endpoints => database.Services.GetRequiredService<WebhookEndpointService>();

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
        receiver.StatusFor = _ => 500;
        var partner = (await database.Services.GetRequiredService<PartnerService>().CreateAsync("Acme", TestDatabase.Admin)).Value!;
        partnerKey = (await database.ApiKeys.CreateAsync("Acme key", partner.Id, TestDatabase.Admin)).Value!.Key.AsActor();
        var endpoint = (await Endpoints.CreateAsync(receiver.Url, [WebhookRules.CustomerCreated], partnerKey)).Value!;
        endpointId = endpoint.Id;
        secret = endpoint.Secret;
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>A change for the partner (an event in the outbox), then everything due is sent once.</summary>
    private async Task ChangeAndSendAsync()
    {
        Assert.True((await database.Customers.CreateAsync(Samples.Customer(), partnerKey)).Succeeded);
        await SendDueAsync();
    }

    private async Task SendDueAsync()
    {
        while (await Sender.SendDueAsync(CancellationToken.None) > 0) { }
    }

    private async Task<WebhookEndpoint> EndpointAsync()
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId);
    }

    [Fact]
    public void The_defaults_are_the_contracts()
    {
        var defaults = new WebhookOptions();
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.Timeout);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
            TimeSpan.FromHours(10), TimeSpan.FromHours(10)], defaults.Schedule);
        Assert.Equal(TimeSpan.FromDays(5), defaults.DisableAfterFailingFor);
        Assert.True(defaults.ClaimLease > defaults.Timeout, "a claim must outlast the wait for an answer");
    }

    [Fact]
    public async Task An_endpoint_failing_for_5_days_is_disabled_and_shown_so()
    {
        var failingSince = database.Clock.GetUtcNow().UtcDateTime;
        await ChangeAndSendAsync();
        Assert.Equal(failingSince, (await EndpointAsync()).FailingSince);

        database.Clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromMinutes(1));
        await ChangeAndSendAsync();
        Assert.True((await EndpointAsync()).Enabled, "4 days 23:59 of failures is not yet 5 days");

        database.Clock.Advance(TimeSpan.FromMinutes(2));
        await ChangeAndSendAsync();

        var endpoint = await EndpointAsync();
        Assert.False(endpoint.Enabled);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, endpoint.DisabledAt);
        Assert.Equal($"Failing since {failingSince:yyyy-MM-dd HH:mm} UTC", endpoint.DisabledReason);
        // Nothing more is sent to it: new changes write no deliveries, and what was still due is given up unsent.
        var attempts = receiver.Requests.Count;
        database.Clock.Advance(TimeSpan.FromDays(1));
        await ChangeAndSendAsync();
        Assert.Equal(attempts, receiver.Requests.Count);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending));
    }

    [Fact]
    public async Task One_delivered_event_starts_the_5_days_again()
    {
        await ChangeAndSendAsync();
        database.Clock.Advance(TimeSpan.FromDays(4));
        receiver.StatusFor = _ => 200;
        await ChangeAndSendAsync();
        Assert.Null((await EndpointAsync()).FailingSince);

        receiver.StatusFor = _ => 500;
        database.Clock.Advance(TimeSpan.FromDays(2)); // 6 days after the first failure, 2 after the last success
        await ChangeAndSendAsync();

        var endpoint = await EndpointAsync();
        Assert.True(endpoint.Enabled);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, endpoint.FailingSince);
    }

    /// <summary>
    /// One of the request's signatures is this secret's. (StandardWebhook.Verify would also refuse the test clock's
    /// timestamps, days away from the real time.)
    /// </summary>
    private static bool SignedWith(WebhookReceiver.Received request, string secret) =>
        request.Signature.Split(' ').Contains(new StandardWebhook(secret).Sign(request.Id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Timestamp)), request.Body));

    [Fact]
    public async Task After_a_rotation_the_old_and_the_new_secret_both_sign_for_24_hours()
    {
        receiver.StatusFor = _ => 200;
        var rotated = await Endpoints.RotateSecretAsync(endpointId, partnerKey);
        Assert.True(rotated.Succeeded);
        var newSecret = rotated.Value!.Secret;
        Assert.NotEqual(secret, newSecret);

        database.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await ChangeAndSendAsync();
        var during = Assert.Single(receiver.Requests);
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(SignedWith(during, secret));
        Assert.True(SignedWith(during, newSecret));

        database.Clock.Advance(TimeSpan.FromSeconds(2));
        await ChangeAndSendAsync();
        var after = receiver.Requests.Last();
        Assert.Single(after.Signature.Split(' '));
        Assert.True(SignedWith(after, newSecret));
        Assert.False(SignedWith(after, secret));
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_a_failed_attempt_retried_with_the_same_webhook_id()
    {
        var answer = new TaskCompletionSource();
        receiver.AnswerWhen = answer.Task;
        receiver.StatusFor = _ => 200;

        await ChangeAndSendAsync(); // waits Webhooks:Timeout (1 s here; 15 s by default), then gives up on this attempt
        answer.SetResult();
        database.Clock.Advance(WebhookOptions.ContractSchedule[0]);
        await SendDueAsync();

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var attempts = await db.WebhookAttempts.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([null, 200], attempts.Select(a => a.StatusCode));
        Assert.Equal("No answer within 1 s", attempts[0].Response);
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await db.WebhookDeliveries.SingleAsync()).Status);
    }

    [Fact]
    public async Task Deliveries_whose_claim_lapsed_during_a_slow_batch_are_sent_by_the_instance_that_took_them_over_only()
    {
        receiver.StatusFor = _ => 200;
        for (var i = 0; i < 3; i++) Assert.True((await database.Customers.CreateAsync(Samples.Customer(), partnerKey)).Succeeded);
        var otherInstance = ActivatorUtilities.CreateInstance<WebhookSender>(database.Services);
        var answer = new TaskCompletionSource();
        receiver.AnswerWhen = answer.Task;

        var slowBatch = Sender.SendDueAsync(CancellationToken.None); // claims all three; the first waits for an answer
        await receiver.WaitForAsync(r => r.Count >= 1);
        var inFlight = receiver.Requests.Single().Id;
        database.Clock.Advance(TimeSpan.FromSeconds(61)); // longer than the claim lasts (Webhooks:ClaimLease, 60 s)
        receiver.AnswerWhen = Task.CompletedTask;
        Assert.Equal(3, await otherInstance.SendDueAsync(CancellationToken.None)); // takes over every lapsed claim
        answer.SetResult();
        await slowBatch;

        // The first sender does not send the two it no longer holds. (The one in flight went twice only because the
        // test clock jumped past its lease during the attempt; a lease outlasts the timeout, so real time cannot.)
        var sent = receiver.Requests.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, sent.Count);
        Assert.All(sent.Where(s => s.Key != inFlight), s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_but_counted_as_a_failed_attempt()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        receiver.RedirectTo = elsewhere.Url;

        await ChangeAndSendAsync();

        Assert.Single(receiver.Requests);
        Assert.Empty(elsewhere.Requests);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var delivery = await db.WebhookDeliveries.SingleAsync();
        Assert.Equal(307, delivery.LastStatusCode);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status); // to be retried, at the same URL
    }
}
