using BackOffice.Core.Partners;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Webhooks;

/// <summary>
/// An endpoint that has failed every attempt for 5 days is disabled and shown so (issue 13); one success in between
/// starts the count again. The sender runs by hand against a test clock and a real receiver on loopback that answers 500.
/// </summary>
public sealed class FailingEndpointTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.With(new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = "true" });
    private WebhookReceiver receiver = null!;
    private BackOffice.Core.Identity.Actor partnerKey = null!;
    private Guid endpointId;

    private WebhookSender Sender => database.Services.GetRequiredService<WebhookSender>();

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
        receiver.StatusFor = _ => 500;
        var partner = (await database.Services.GetRequiredService<PartnerService>().CreateAsync("Acme", TestDatabase.Admin)).Value!;
        partnerKey = (await database.ApiKeys.CreateAsync("Acme key", partner.Id, TestDatabase.Admin)).Value!.Key.AsActor();
        var endpoints = database.Services.GetRequiredService<WebhookEndpointService>();
        endpointId = (await endpoints.CreateAsync(receiver.Url, [WebhookRules.CustomerCreated], partnerKey)).Value!.Id;
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
}
