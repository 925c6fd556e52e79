using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Webhooks;

/// <summary>Where a partner hears about changes to its customers: a URL, the event types it wants, and a signing secret.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; init; }
    public Guid PartnerId { get; init; }
    public required string Url { get; init; }
    /// <summary>Event types, separated by commas.</summary>
    public required string Events { get; init; }
    public bool Enabled { get; set; } = true;
    /// <summary>The Standard Webhooks secret (<c>whsec_</c> + base64), shown once; needed to sign, so kept as is.</summary>
    public required string Secret { get; set; }
    /// <summary>After a rotation the old secret signs too, until <see cref="PreviousSecretUntil"/> (24 h).</summary>
    public string? PreviousSecret { get; set; }
    public DateTime? PreviousSecretUntil { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    /// <summary>When the current run of failed attempts began; an endpoint failing for 5 days is disabled.</summary>
    public DateTime? FailingSince { get; set; }

    public IReadOnlyList<string> EventList() => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One event in the outbox, written in the same transaction as the change that caused it.</summary>
public sealed class WebhookEvent
{
    /// <summary>The <c>webhook-id</c>: the same on every attempt, so receivers can drop duplicates.</summary>
    public required string Id { get; init; }
    public Guid PartnerId { get; init; }
    public required string Type { get; init; }
    /// <summary>The exact body sent: <c>{ "type", "timestamp", "data" }</c>, rendered once at the change.</summary>
    public required string Body { get; init; }
    public DateTime CreatedAt { get; init; }
}

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>An event on its way to one endpoint, with its retry state.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; init; }
    public required string EventId { get; init; }
    public Guid EndpointId { get; init; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>Claimed by a sender until then: another instance leaves it alone (and takes it over if that sender died).</summary>
    public DateTime? LockedUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public DateTime? CompletedAt { get; set; }
}

/// <summary>One attempt to deliver, for the delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; init; }
    public long DeliveryId { get; init; }
    public DateTime At { get; init; }
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    /// <summary>The first bytes of the answer, or why there was none.</summary>
    public string? Response { get; init; }
}

public sealed class WebhookConfiguration :
    IEntityTypeConfiguration<WebhookEndpoint>, IEntityTypeConfiguration<WebhookEvent>, IEntityTypeConfiguration<WebhookDelivery>, IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Url).HasMaxLength(WebhookRules.MaxUrlLength);
        endpoint.Property(e => e.Events).HasMaxLength(500);
        endpoint.Property(e => e.Secret).HasMaxLength(100);
        endpoint.Property(e => e.PreviousSecret).HasMaxLength(100);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(200);
        endpoint.HasOne<Partners.Partner>().WithMany().HasForeignKey(e => e.PartnerId).OnDelete(DeleteBehavior.Restrict);
        endpoint.HasIndex(e => e.PartnerId);
    }

    public void Configure(EntityTypeBuilder<WebhookEvent> webhookEvent)
    {
        webhookEvent.ToTable("webhook_events");
        webhookEvent.HasKey(e => e.Id);
        webhookEvent.Property(e => e.Id).HasMaxLength(40);
        webhookEvent.Property(e => e.Type).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.EventId).HasMaxLength(40);
        delivery.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Restrict);
        // The sender's question: what is due now?
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.EndpointId, d.Id });
    }

    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("webhook_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Response).HasMaxLength(WebhookRules.LoggedResponseLength);
        attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasIndex(a => a.DeliveryId);
    }
}
