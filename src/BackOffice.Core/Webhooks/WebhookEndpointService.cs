using System.Net;
using System.Security.Cryptography;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Webhooks;

/// <summary>A partner's webhook endpoints: add (safe targets only), list, disable, rotate the secret.</summary>
public sealed class WebhookEndpointService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public static readonly TimeSpan PreviousSecretLasts = TimeSpan.FromHours(24);
    private static readonly NewWebhookEndpointValidator Shape = new();

    /// <summary>Adds an endpoint for the actor's partner (an API key) or, for an admin, for <paramref name="partnerId"/>.</summary>
    public async Task<ServiceResult<WebhookEndpoint>> CreateAsync(string? url, IReadOnlyCollection<string>? events, Actor actor, Guid? partnerId = null, CancellationToken ct = default)
    {
        var partner = actor.PartnerId ?? (actor.IsIn(Roles.Admin) ? partnerId : null);
        if (partner is null) return ServiceResult<WebhookEndpoint>.Forbidden("Webhook endpoints belong to a partner: use its API key, or be an administrator.");

        // The shape is the validator's (the API's filter runs the same one); whether the target is safe needs DNS.
        var shape = await Shape.ValidateAsync(new NewWebhookEndpoint { Url = url, Events = events?.ToArray() }, ct);
        var invalid = shape.IsValid ? null : ServiceResult<WebhookEndpoint>.Invalid(shape);
        if (invalid is null && await CheckTargetAsync(url!.Trim(), ct) is { } problem)
            invalid = ServiceResult<WebhookEndpoint>.Invalid(new Dictionary<string, string[]> { ["Url"] = [problem] }, "The endpoint is not valid.");
        if (invalid is not null) return invalid;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.WebhookEndpoints.CountAsync(e => e.PartnerId == partner && e.Enabled, ct) >= WebhookRules.MaxEndpointsPerPartner)
            return ServiceResult<WebhookEndpoint>.Conflict($"A partner may have at most {WebhookRules.MaxEndpointsPerPartner} enabled endpoints.", code: "too_many_endpoints");
        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partner.Value,
            Url = url!.Trim(),
            Events = string.Join(',', events!.Distinct()),
            Secret = NewSecret(),
            CreatedAt = now,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return ServiceResult<WebhookEndpoint>.Ok(endpoint);
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookEndpoints.AsNoTracking().Where(e => e.PartnerId == partnerId).OrderBy(e => e.CreatedAt).ToListAsync(ct);
    }

    public async Task<ServiceResult<WebhookEndpoint>> DisableAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null || !CanManage(actor, endpoint)) return ServiceResult<WebhookEndpoint>.NotFound("No webhook endpoint has this id.");
        if (endpoint.Enabled)
        {
            endpoint.Enabled = false;
            endpoint.DisabledAt = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            endpoint.DisabledReason = $"Disabled by {actor.Name}";
            await db.SaveChangesAsync(ct);
        }
        return ServiceResult<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>A new secret; the old one keeps signing beside it for 24 hours, so receivers can switch without losing events.</summary>
    public async Task<ServiceResult<WebhookEndpoint>> RotateSecretAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null || !CanManage(actor, endpoint)) return ServiceResult<WebhookEndpoint>.NotFound("No webhook endpoint has this id.");
        endpoint.PreviousSecret = endpoint.Secret;
        endpoint.PreviousSecretUntil = clock.GetUtcNow().UtcDateTime + PreviousSecretLasts;
        endpoint.Secret = NewSecret();
        await db.SaveChangesAsync(ct);
        return ServiceResult<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>One line of the delivery log: the event, where it stands, and every attempt.</summary>
    public sealed record DeliveryLogEntry(WebhookDelivery Delivery, string EventType, DateTime EventCreatedAt, IReadOnlyList<WebhookAttempt> Attempts);

    /// <summary>The latest deliveries to an endpoint, newest first, optionally of one event type or outcome (Admin).</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> DeliveryLogAsync(Guid endpointId, string? eventType, WebhookDeliveryStatus? status, Actor actor, int take = 100, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from d in db.WebhookDeliveries.AsNoTracking()
                          join e in db.WebhookEvents.AsNoTracking() on d.EventId equals e.Id
                          where d.EndpointId == endpointId && (eventType == null || e.Type == eventType) && (status == null || d.Status == status)
                          orderby d.Id descending
                          select new { Delivery = d, e.Type, e.CreatedAt }).Take(take).ToListAsync(ct);
        var ids = rows.Select(r => r.Delivery.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .GroupBy(a => a.DeliveryId).ToDictionary(g => g.Key, g => (IReadOnlyList<WebhookAttempt>)g.OrderBy(a => a.Id).ToList());
        return rows.Select(r => new DeliveryLogEntry(r.Delivery, r.Type, r.CreatedAt, attempts.GetValueOrDefault(r.Delivery.Id, []))).ToList();
    }

    /// <summary>Sends an event again by hand, with its webhook-id, as a new delivery due now (Admin).</summary>
    public async Task<ServiceResult<WebhookDelivery>> ReplayAsync(long deliveryId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<WebhookDelivery>.Forbidden("Only administrators can replay webhooks.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var original = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (original is null) return ServiceResult<WebhookDelivery>.NotFound("No delivery has this id.");
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstAsync(e => e.Id == original.EndpointId, ct);
        if (!endpoint.Enabled) return ServiceResult<WebhookDelivery>.Conflict("The endpoint is disabled; enable a new one to receive events.");
        var replay = new WebhookDelivery
        {
            EventId = original.EventId, EndpointId = original.EndpointId, Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookDeliveries.Add(replay);
        await db.SaveChangesAsync(ct);
        return ServiceResult<WebhookDelivery>.Ok(replay);
    }

    private static bool CanManage(Actor actor, WebhookEndpoint endpoint) =>
        actor.PartnerId is { } partner ? partner == endpoint.PartnerId : actor.IsIn(Roles.Admin);

    /// <summary>Why a URL may not receive webhooks, or null: https only (outside trials), and never a private address.</summary>
    public async Task<string?> CheckTargetAsync(string url, CancellationToken ct)
    {
        if (url.Length > WebhookRules.MaxUrlLength) return $"must be at most {WebhookRules.MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
            return "must be an absolute https URL without credentials";
        if (options.Value.AllowPrivateTargets) return null;
        if (uri.Scheme != "https") return "must use https";
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, ct);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "must name a host that resolves";
        }
        return addresses.Length == 0 || addresses.Any(WebhookRules.IsPrivate)
            ? "must not point to a loopback, private, link-local or metadata address"
            : null;
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
