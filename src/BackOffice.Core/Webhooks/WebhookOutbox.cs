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
    public static async Task AddAsync(BackOfficeDbContext db, Guid? partnerId, string type, object resource, DateTime now, CancellationToken ct)
    {
        if (partnerId is not { } partner) return; // customers onboarded by staff belong to no partner: nobody to tell
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.PartnerId == partner && e.Enabled)
            .Select(e => new { e.Id, e.Events }).ToListAsync(ct);
        var subscribed = endpoints.Where(e => e.Events.Split(',').Contains(type)).ToList();
        if (subscribed.Count == 0) return;

        var id = $"msg_{Guid.CreateVersion7(now):N}";
        var body = JsonSerializer.Serialize(new { type, timestamp = now, data = resource }, ApiJson.Options);
        db.WebhookEvents.Add(new WebhookEvent { Id = id, PartnerId = partner, Type = type, Body = body, CreatedAt = now });
        foreach (var endpoint in subscribed)
            db.WebhookDeliveries.Add(new WebhookDelivery { EventId = id, EndpointId = endpoint.Id, NextAttemptAt = now, Status = WebhookDeliveryStatus.Pending });
        await db.SaveChangesAsync(ct);
    }
}
