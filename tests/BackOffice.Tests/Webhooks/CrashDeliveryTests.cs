using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using StandardWebhooks;

namespace BackOffice.Tests.Webhooks;

/// <summary>
/// At least once, through a crash (issue 13): the app runs as its own process, is killed with SIGKILL between the commit
/// of a change and the delivery of its event, and started again on the same database; the event then arrives, signed,
/// with the same webhook-id, exactly once.
/// </summary>
public sealed class CrashDeliveryTests : IAsyncLifetime
{
    private readonly string folder = BackOfficeApp.NewFolder();
    private WebhookReceiver receiver = null!;
    private AppProcess? app;

    /// <summary>
    /// Retries after a second; a crashed sender's claim is taken over after 12 s (the production lease is 60 s), which
    /// still outlasts the 10 s it waits for an answer.
    /// </summary>
    private static Dictionary<string, string> Settings(string pollInterval = "00:00:00.200") => new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:PollInterval"] = pollInterval,
        ["Webhooks:RetrySchedule:0"] = "00:00:01",
        ["Webhooks:Timeout"] = "00:00:10",
        ["Webhooks:ClaimLease"] = "00:00:12",
    };

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        receiver = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        await receiver.DisposeAsync();
        BackOfficeApp.DeleteFolder(folder);
    }

    private async Task<string> AddEndpointAsync()
    {
        var body = new JsonObject { ["url"] = receiver.Url, ["events"] = new JsonArray(WebhookRules.CustomerCreated) }.ToJsonString();
        var response = await app!.ApiClient().PostRawAsync("/api/v1/webhook_endpoints", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["data"]!["secret"]!.GetValue<string>();
    }

    private async Task<string> CreateCustomerAsync()
    {
        var response = await app!.ApiClient().PostCustomerAsync(ApiBodies.Customer());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode); // acknowledged: committed with its event
        return (await response.JsonAsync()).Id();
    }

    private async Task RestartAsync(Dictionary<string, string> settings)
    {
        await app!.KillAsync();
        app = await AppProcess.StartAsync(folder, settings);
    }

    [Fact]
    public async Task An_event_committed_just_before_a_kill_9_is_delivered_after_the_restart()
    {
        // The sender looks once at start and then not for an hour: the event stays in the outbox until the crash.
        app = await AppProcess.StartAsync(folder, Settings(pollInterval: "01:00:00"));
        await Task.Delay(1000); // the sender's look at start is long over
        var secret = await AddEndpointAsync();
        var customerId = await CreateCustomerAsync();
        await Task.Delay(500);
        Assert.Empty(receiver.Requests);

        await RestartAsync(Settings());

        await receiver.WaitForAsync(r => r.Count >= 1, seconds: 60);
        await Task.Delay(1500); // a duplicate would arrive by now
        var delivered = Assert.Single(receiver.Requests);
        new StandardWebhook(secret).Verify(delivered.Body, delivered.Headers);
        Assert.Equal(customerId, JsonNode.Parse(delivered.Body)!["data"]!["id"]!.GetValue<string>());
        Assert.Equal(WebhookRules.CustomerCreated, JsonNode.Parse(delivered.Body)!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delivery_cut_off_by_a_kill_9_is_sent_again_after_the_restart_with_the_same_webhook_id()
    {
        var answer = new TaskCompletionSource();
        receiver.AnswerWhen = answer.Task; // the receiver takes the request and does not answer
        app = await AppProcess.StartAsync(folder, Settings());
        var secret = await AddEndpointAsync();
        var customerId = await CreateCustomerAsync();
        await receiver.WaitForAsync(r => r.Count >= 1);
        var cutOff = Assert.Single(receiver.Requests);

        await RestartAsync(Settings()); // while the sender waits for the answer
        answer.SetResult();             // from now on the receiver answers 200

        await receiver.WaitForAsync(r => r.Count >= 2, seconds: 60);
        await Task.Delay(1500); // a third request would arrive by now
        var requests = receiver.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(cutOff.Id, requests[1].Id);
        Assert.Equal(cutOff.Body, requests[1].Body);
        new StandardWebhook(secret).Verify(requests[1].Body, requests[1].Headers);
        Assert.Equal(customerId, JsonNode.Parse(requests[1].Body)!["data"]!["id"]!.GetValue<string>());
    }
}
