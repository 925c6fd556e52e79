using System.Text.Json;
using BackOffice.Core.Api;
using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Webhooks;

/// <summary>
/// Writes an event for a partner's endpoints into the outbox, through the change's own DbContext, so that the event is
/// saved in the same transaction as the change (or not at all). <see cref="WebhookSender"/> delivers it afterwards.
/// </summary>
public static class WebhookOutbox
{
    public static Task AddAsync(BackOfficeDbContext db, Guid? partnerId, string type, object resource, DateTime now, CancellationToken ct) =>
        AddManyAsync(db, type, [(partnerId, resource)], now, ct);

    /// <summary>One event of <paramref name="type"/> per resource (a batch of creates), each to its own partner's endpoints.</summary>
    public static async Task AddManyAsync(BackOfficeDbContext db, string type, IReadOnlyList<(Guid? PartnerId, object Resource)> resources, DateTime now, CancellationToken ct)
    {
        // Customers onboarded by staff belong to no partner: nobody to tell.
        var partners = resources.Where(r => r.PartnerId is not null).Select(r => r.PartnerId!.Value).Distinct().ToList();
        if (partners.Count == 0) return;
        var endpoints = new List<Subscriber>();
        foreach (var partner in partners) // a batch's creates mostly come from one partner
            await foreach (var endpoint in SubscribersOf(db, partner).WithCancellation(ct)) endpoints.Add(endpoint);
        var subscribed = endpoints.Where(e => e.Events.Split(',').Contains(type)).ToLookup(e => e.PartnerId);
        foreach (var (partnerId, resource) in resources)
        {
            if (partnerId is not { } partner || !subscribed[partner].Any()) continue;
            var id = $"msg_{Guid.CreateVersion7(now):N}";
            var body = JsonSerializer.Serialize(new { type, timestamp = now, data = resource }, ApiJson.Options);
            db.WebhookEvents.Add(new WebhookEvent { Id = id, PartnerId = partner, Type = type, Body = body, CreatedAt = now });
            foreach (var endpoint in subscribed[partner])
                db.WebhookDeliveries.Add(new WebhookDelivery { EventId = id, EndpointId = endpoint.Id, NextAttemptAt = now, Status = WebhookDeliveryStatus.Pending });
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }

    private sealed record Subscriber(Guid Id, Guid PartnerId, string Events);

    /// <summary>Compiled once: every group commit asks it, and translating it each time cost more than running it.</summary>
    private static readonly Func<BackOfficeDbContext, Guid, IAsyncEnumerable<Subscriber>> SubscribersOf =
        EF.CompileAsyncQuery((BackOfficeDbContext db, Guid partner) =>
            db.WebhookEndpoints.AsNoTracking().Where(e => e.PartnerId == partner && e.Enabled).Select(e => new Subscriber(e.Id, e.PartnerId, e.Events)));
}
