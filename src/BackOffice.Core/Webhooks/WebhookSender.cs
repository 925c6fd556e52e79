using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace BackOffice.Core.Webhooks;

/// <summary>
/// Delivers the outbox, at least once: claims due deliveries (on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so
/// instances never send one attempt at the same time; a claim is a lease, so a crashed sender's work is picked up
/// again), POSTs each with the Standard Webhooks headers, and records the attempt. 2xx is delivered; 410 disables the
/// endpoint; anything else, or no answer in time, is retried on the schedule; an endpoint failing for 5 days is disabled.
/// Redirects are not followed, and private addresses are refused when connecting (not only when the URL was added).
/// </summary>
public sealed class WebhookSender(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
    : BackgroundService
{
    private const int BatchSize = 20;
    private readonly HttpClient http = CreateClient(options.Value.AllowPrivateTargets);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sending webhooks failed; trying again shortly");
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
        }
    }

    /// <summary>Sends what is due now; returns how many deliveries it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var (claimed, until) = await ClaimAsync(ct);
        foreach (var id in claimed) await DeliverAsync(id, until, ct);
        return claimed.Count;
    }

    private async Task<(List<long> Ids, DateTime Until)> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = Timestamps.ToStoredPrecision(now + options.Value.ClaimLease);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now));
        var ids = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM webhook_deliveries
                WHERE "Status" = 0 AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "NextAttemptAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await due.OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count > 0)
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, until), ct);
        await transaction.CommitAsync(ct);
        return (ids, until);
    }

    private async Task DeliverAsync(long deliveryId, DateTime claimedUntil, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Each delivery of a batch may wait up to Timeout, so a late one's claim may have lapsed and been taken by another
        // instance: renew it only while it is still ours, and never send an attempt that someone else holds.
        var renewed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending && d.LockedUntil == claimedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime + options.Value.ClaimLease)), ct);
        if (renewed == 0) return;
        var delivery = await db.WebhookDeliveries.FirstAsync(d => d.Id == deliveryId, ct);
        var endpoint = await db.WebhookEndpoints.FirstAsync(e => e.Id == delivery.EndpointId, ct);
        var webhookEvent = await db.WebhookEvents.AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, ct);
        var now = clock.GetUtcNow();
        if (!endpoint.Enabled)
        {
            Complete(delivery, WebhookDeliveryStatus.Failed, now.UtcDateTime);
            await db.SaveChangesAsync(ct);
            return;
        }

        var (status, response, elapsed) = await PostAsync(endpoint, webhookEvent, now, ct);
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id, At = now.UtcDateTime, StatusCode = status, DurationMs = (int)elapsed.TotalMilliseconds,
            Response = PlainText.Cut(response, WebhookRules.LoggedResponseLength),
        });
        delivery.Attempts++;
        delivery.LastStatusCode = status;
        delivery.LockedUntil = null;
        if (status is >= 200 and < 300)
        {
            Complete(delivery, WebhookDeliveryStatus.Delivered, now.UtcDateTime);
            endpoint.FailingSince = null;
        }
        else if (status == (int)HttpStatusCode.Gone)
        {
            Complete(delivery, WebhookDeliveryStatus.Failed, now.UtcDateTime);
            Disable(endpoint, now.UtcDateTime, "The receiver answered 410 Gone");
        }
        else
        {
            endpoint.FailingSince ??= now.UtcDateTime;
            var schedule = options.Value.Schedule;
            if (delivery.Attempts <= schedule.Count) delivery.NextAttemptAt = now.UtcDateTime + schedule[delivery.Attempts - 1];
            else Complete(delivery, WebhookDeliveryStatus.Failed, now.UtcDateTime);
            if (now.UtcDateTime - endpoint.FailingSince >= options.Value.DisableAfterFailingFor)
                Disable(endpoint, now.UtcDateTime, $"Failing since {endpoint.FailingSince:yyyy-MM-dd HH:mm} UTC");
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<(int? Status, string Response, TimeSpan Elapsed)> PostAsync(WebhookEndpoint endpoint, WebhookEvent webhookEvent, DateTimeOffset now, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(webhookEvent.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookEvent.Id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString());
        request.Headers.Add("webhook-signature", Signatures(endpoint, webhookEvent, now));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadStartAsync(response, timeout.Token);
            return ((int)response.StatusCode, text, watch.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (null, e is OperationCanceledException ? $"No answer within {options.Value.Timeout.TotalSeconds:0} s" : e.Message, watch.Elapsed);
        }
    }

    /// <summary>One signature per valid secret: during a rotation the old secret signs too.</summary>
    private string Signatures(WebhookEndpoint endpoint, WebhookEvent webhookEvent, DateTimeOffset now)
    {
        var signatures = new List<string> { new StandardWebhook(endpoint.Secret).Sign(webhookEvent.Id, now, webhookEvent.Body) };
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretUntil > now.UtcDateTime)
            signatures.Add(new StandardWebhook(previous).Sign(webhookEvent.Id, now, webhookEvent.Body));
        return string.Join(' ', signatures);
    }

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookRules.LoggedResponseLength];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return PlainText.WithoutControlCharacters(Encoding.UTF8.GetString(buffer, 0, read));
    }

    private static void Complete(WebhookDelivery delivery, WebhookDeliveryStatus status, DateTime now)
    {
        delivery.Status = status;
        delivery.CompletedAt = now;
        delivery.LockedUntil = null;
    }

    private static void Disable(WebhookEndpoint endpoint, DateTime now, string reason)
    {
        endpoint.Enabled = false;
        endpoint.DisabledAt = now;
        endpoint.DisabledReason = reason;
    }

    /// <summary>No redirects; and unless allowed, no connection to a private address, checked at connect time (DNS may change).</summary>
    private static HttpClient CreateClient(bool allowPrivateTargets) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            if (!allowPrivateTargets && addresses.Any(WebhookRules.IsPrivate))
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to a private address; webhooks are not sent there.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }
}
