using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BackOffice.Core.Documents;
using BackOffice.Core.Identity;
using BackOffice.Core.Seeding;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace BackOffice.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: the API adds an endpoint, changes write events in their own transactions, the sender delivers
/// them to a real receiver on loopback with Standard Webhooks signatures, retries with the same webhook-id, and a 410
/// disables the endpoint. Retries wait a second here (Webhooks:RetrySchedule).
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string>
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.200",
        ["Webhooks:RetrySchedule:0"] = "00:00:01",
        ["Webhooks:RetrySchedule:1"] = "00:00:01",
        ["Webhooks:RetrySchedule:2"] = "00:00:01",
    });
    private WebhookReceiver receiver = null!;
    private HttpClient api = null!;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        api = app.ApiClient();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<(string Id, string Secret)> AddEndpointAsync(params string[] events)
    {
        var response = await api.PostRawAsync("/api/v1/webhook_endpoints",
            new JsonObject { ["url"] = receiver.Url, ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()) }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = (await response.JsonAsync())["data"]!;
        var secret = data["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        return (data["id"]!.GetValue<string>(), secret);
    }

    private static void AssertSigned(WebhookReceiver.Received received, string secret) =>
        new StandardWebhook(secret).Verify(received.Body, received.Headers); // throws when the signature is wrong

    [Fact]
    public void The_signature_matches_the_Standard_Webhooks_test_vector()
    {
        // From the Standard Webhooks specification's test vectors.
        var signature = new StandardWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330), "{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public async Task Every_event_type_arrives_once_per_change_signed()
    {
        var (_, secret) = await AddEndpointAsync([.. WebhookRules.EventTypes]);
        var compliance = await app.ActorAsync(Roles.Compliance);
        var admin = await app.ActorAsync(Roles.Admin);
        using var scope = app.Services.CreateScope();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();

        var id = Guid.Parse((await (await api.PostCustomerAsync(ApiBodies.Customer())).JsonAsync()).Id());      // customer.created
        Assert.Equal(HttpStatusCode.OK, (await api.PatchCustomerAsync(id.ToString(), """{ "billing_address": { "city": "Bath" } }""")).StatusCode); // customer.updated
        await documents.RequestAsync(id, [DocumentKind.Passport], "Your passport, please", compliance);             // customer.awaiting_documents
        var form = new MultipartFormDataContent { { new StringContent("passport"), "kind" } };
        var file = new ByteArrayContent(DemoDocumentFiles.IdentityCardPng("Ada", 3));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "passport.png");
        var uploaded = await (await api.PostAsync($"/api/v1/customers/{id}/documents", form)).JsonAsync();       // document.received + customer.updated
        var documentId = Guid.Parse(uploaded["data"]!["id"]!.GetValue<string>());
        await documents.RejectAsync(documentId, compliance, "Blurred");                                             // document.rejected
        var second = await documents.UploadAsync(id, new NewDocument { Kind = DocumentKind.NationalId },
            new MemoryStream(DemoDocumentFiles.IdentityCardPng("Ada", 4)), await app.ActorAsync(Roles.Agent));       // document.received
        await documents.AcceptAsync(second.Value!.Id, compliance);                                                  // document.accepted
        Assert.True((await app.Reviews.ApproveKycAsync(id, compliance)).Succeeded);                                  // customer.kyc_approved
        Assert.Equal(HttpStatusCode.Created, (await api.PostRawAsync("/api/v1/wallets", $$"""{ "customer_id": "{{id}}", "currency": "EUR" }""")).StatusCode); // wallet.created
        await app.Reviews.SuspendAsync(id, compliance, "Chargeback");                                                // customer.suspended
        await app.Reviews.ReinstateAsync(id, admin, "Resolved");                                                     // customer.reinstated
        var other = Guid.Parse((await (await api.PostCustomerAsync(ApiBodies.Customer())).JsonAsync()).Id());   // customer.created
        await app.Reviews.RejectKycAsync(other, compliance, "Fraud");                                                // customer.kyc_rejected
        // A customer onboarded by staff belongs to no partner: nothing is sent about it.
        await app.Customers.CreateAsync(Samples.Customer(), await app.ActorAsync(Roles.Agent));

        var expected = new Dictionary<string, int>
        {
            [WebhookRules.CustomerCreated] = 2, [WebhookRules.CustomerAwaitingDocuments] = 1, [WebhookRules.DocumentReceived] = 2,
            [WebhookRules.CustomerUpdated] = 2, [WebhookRules.DocumentRejected] = 1, [WebhookRules.DocumentAccepted] = 1,
            [WebhookRules.CustomerKycApproved] = 1, [WebhookRules.WalletCreated] = 1, [WebhookRules.CustomerSuspended] = 1,
            [WebhookRules.CustomerReinstated] = 1, [WebhookRules.CustomerKycRejected] = 1,
        };
        await receiver.WaitForAsync(r => r.Count >= expected.Values.Sum());
        await Task.Delay(500); // nothing more should come
        var received = receiver.Requests.ToArray();
        var types = received.Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), types.OrderBy(e => e.Key));
        Assert.All(received, r => AssertSigned(r, secret));
        Assert.Equal(received.Length, received.Select(r => r.Id).Distinct().Count());
        var approved = JsonNode.Parse(received.Single(r => r.Body.Contains(WebhookRules.CustomerKycApproved)).Body)!;
        Assert.Equal("active", approved["data"]!["status"]!.GetValue<string>());
        Assert.Equal(id.ToString(), approved["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_same_webhook_id_three_times()
    {
        var (_, secret) = await AddEndpointAsync(WebhookRules.CustomerCreated);
        receiver.StatusFor = n => n < 2 ? 500 : 200;

        await api.PostCustomerAsync(ApiBodies.Customer());

        await receiver.WaitForAsync(r => r.Count >= 3);
        var attempts = receiver.Requests.ToArray();
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, a => AssertSigned(a, secret));
        await Task.Delay(1500);
        Assert.Equal(3, receiver.Requests.Count); // delivered on the third: no fourth
    }

    [Fact]
    public async Task The_delivery_log_shows_every_attempt_and_an_admin_can_send_an_event_again()
    {
        var (endpointId, _) = await AddEndpointAsync(WebhookRules.CustomerCreated);
        receiver.StatusFor = n => n == 0 ? 503 : 200;
        await api.PostCustomerAsync(ApiBodies.Customer());
        await receiver.WaitForAsync(r => r.Count >= 2);
        using var scope = app.Services.CreateScope();
        var endpoints = scope.ServiceProvider.GetRequiredService<WebhookEndpointService>();
        var admin = await app.ActorAsync(Roles.Admin);

        IReadOnlyList<WebhookEndpointService.DeliveryLogEntry> log = [];
        for (var i = 0; i < 50 && log.FirstOrDefault()?.Delivery.Status != WebhookDeliveryStatus.Delivered; i++)
        {
            await Task.Delay(100);
            log = await endpoints.DeliveryLogAsync(Guid.Parse(endpointId), null, null, admin);
        }
        var entry = Assert.Single(log);
        Assert.Equal([503, 200], entry.Attempts.Select(a => a.StatusCode));
        Assert.Empty(await endpoints.DeliveryLogAsync(Guid.Parse(endpointId), WebhookRules.WalletCreated, null, admin));
        Assert.Empty(await endpoints.DeliveryLogAsync(Guid.Parse(endpointId), null, null, await app.ActorAsync(Roles.Compliance)));

        Assert.True((await endpoints.ReplayAsync(entry.Delivery.Id, admin)).Succeeded);
        await receiver.WaitForAsync(r => r.Count >= 3);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct()); // the same webhook-id, again
    }

    [Fact]
    public async Task A_410_disables_the_endpoint()
    {
        var (id, _) = await AddEndpointAsync(WebhookRules.CustomerCreated);
        receiver.StatusFor = _ => 410;

        await api.PostCustomerAsync(ApiBodies.Customer());
        await receiver.WaitForAsync(r => r.Count >= 1);

        JsonNode? endpoint = null;
        for (var i = 0; i < 50 && endpoint?["enabled"]?.GetValue<bool>() != false; i++)
        {
            await Task.Delay(100);
            endpoint = (await (await api.GetAsync("/api/v1/webhook_endpoints")).JsonAsync())["data"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == id);
        }
        Assert.False(endpoint!["enabled"]!.GetValue<bool>());
        Assert.Contains("410", endpoint["disabled_reason"]!.GetValue<string>());
        await api.PostCustomerAsync(ApiBodies.Customer());
        await Task.Delay(1000);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Bad_endpoints_are_refused_with_their_field()
    {
        Assert.Equal(["events", "url"], (await (await api.PostRawAsync("/api/v1/webhook_endpoints", "{}")).ProblemAsync(400)).ErrorKeys());
        var unknown = await (await api.PostRawAsync("/api/v1/webhook_endpoints", $$"""{ "url": "{{receiver.Url}}", "events": ["customer.deleted"] }""")).ProblemAsync(422);
        Assert.Equal(["events"], unknown.ErrorKeys());
        var notAUrl = await (await api.PostRawAsync("/api/v1/webhook_endpoints", """{ "url": "ftp://example.com/x", "events": ["customer.created"] }""")).ProblemAsync(422);
        Assert.Equal(["url"], notAUrl.ErrorKeys());
        var wrongType = await (await api.PostRawAsync("/api/v1/webhook_endpoints", """{ "url": "https://example.com/x", "events": "customer.created" }""")).ProblemAsync(422);
        Assert.Equal(["events"], wrongType.ErrorKeys());
    }
}
