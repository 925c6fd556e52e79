using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Webhooks;

/// <summary>
/// Two app instances on one database, both running the sender: every event is delivered once (claims are taken with
/// FOR UPDATE SKIP LOCKED on PostgreSQL, in immediate write transactions on SQLite).
/// </summary>
public sealed class TwoInstanceDeliveryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.050",
    };
    private readonly string folder = BackOfficeApp.NewFolder();
    private BackOfficeApp first = null!;
    private BackOfficeApp second = null!;
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync()
    {
        first = new BackOfficeApp(folder, Settings);
        first.Start();
        second = new BackOfficeApp(folder, Settings);
        second.Start();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await second.DisposeAsync();
        await first.DisposeAsync();
        BackOfficeApp.DeleteFolder(folder);
    }

    [Fact]
    public async Task Two_instances_deliver_each_event_once()
    {
        var body = new JsonObject { ["url"] = receiver.Url, ["events"] = new JsonArray("customer.created") }.ToJsonString();
        Assert.Equal(HttpStatusCode.Created, (await first.ApiClient().PostRawAsync("/api/v1/webhook_endpoints", body)).StatusCode);
        const int customers = 16;

        await Task.WhenAll(Enumerable.Range(0, customers).Select(i => (i % 2 == 0 ? first : second).ApiClient().PostCustomerAsync(ApiBodies.Customer())));

        await receiver.WaitForAsync(r => r.Count >= customers, seconds: 30);
        await Task.Delay(1500); // a duplicate would arrive by now
        var ids = receiver.Requests.Select(r => r.Id).ToList();
        Assert.Equal(customers, ids.Count);
        Assert.Equal(customers, ids.Distinct().Count());
        Assert.All(receiver.Requests, r => Assert.Contains(WebhookRules.CustomerCreated, r.Body));
    }
}
