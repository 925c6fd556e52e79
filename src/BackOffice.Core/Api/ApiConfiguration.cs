using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Api;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.Name).HasMaxLength(ApiKeyService.MaxNameLength).IsRequired();
        key.Property(k => k.NameKey).HasMaxLength(ApiKeyService.MaxNameLength).IsRequired();
        // Keys from before partners existed belong to the default partner.
        key.Property(k => k.PartnerId).HasDefaultValue(Partners.Partner.DefaultId);
        key.HasOne<Partners.Partner>().WithMany().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Restrict);
        key.Property(k => k.Prefix).HasMaxLength(20).IsRequired();
        key.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        key.Property(k => k.CreatedByName).HasMaxLength(256).IsRequired();
        key.Property(k => k.RevokedByName).HasMaxLength(256);
        key.Ignore(k => k.IsRevoked);
        key.HasIndex(k => k.SecretHash).IsUnique();
        key.HasIndex(k => k.NameKey).IsUnique();
    }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_records");
        record.HasKey(r => new { r.ApiKeyId, r.Key });
        record.Property(r => r.Key).HasMaxLength(IdempotencyStore.MaxKeyLength);
        record.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.Property(r => r.Location).HasMaxLength(200);
        record.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        // The purge deletes by age.
        record.HasIndex(r => r.CreatedAt);
    }
}
