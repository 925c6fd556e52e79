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

    /// <summary>Adds an endpoint for the actor's partner (an API key) or, for an admin, for <paramref name="partnerId"/>.</summary>
    public async Task<ServiceResult<WebhookEndpoint>> CreateAsync(string? url, IReadOnlyCollection<string>? events, Actor actor, Guid? partnerId = null, CancellationToken ct = default)
    {
        var partner = actor.PartnerId ?? (actor.IsIn(Roles.Admin) ? partnerId : null);
        if (partner is null) return ServiceResult<WebhookEndpoint>.Forbidden("Webhook endpoints belong to a partner: use its API key, or be an administrator.");

        var errors = new Dictionary<string, string[]>();
        var missing = new HashSet<string>();
        if (string.IsNullOrWhiteSpace(url)) { errors["Url"] = ["is required"]; missing.Add("Url"); }
        else if (await CheckTargetAsync(url.Trim(), ct) is { } problem) errors["Url"] = [problem];
        if (events is null || events.Count == 0) { errors["Events"] = ["is required"]; missing.Add("Events"); }
        else if (events.FirstOrDefault(e => !WebhookRules.EventTypes.Contains(e)) is { } unknown)
            errors["Events"] = [$"must be event types of the contract ({string.Join(", ", WebhookRules.EventTypes)}); '{PlainText.Cut(PlainText.WithoutControlCharacters(unknown), 40)}' is not"];
        else if (events.Count > WebhookRules.EventTypes.Count) errors["Events"] = [$"may list at most {WebhookRules.EventTypes.Count} event types"];
        if (errors.Count > 0)
        {
            var invalid = ServiceResult<WebhookEndpoint>.Invalid(errors, "The endpoint is not valid.");
            foreach (var field in missing) invalid = invalid.WithMissing(field);
            return invalid;
        }

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
