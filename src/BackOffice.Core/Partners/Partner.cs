using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Partners;

/// <summary>
/// A business that integrates with the platform through the API. Its keys act for it, and it sees and acts on its own
/// customers only. Customers onboarded by staff belong to no partner.
/// </summary>
public sealed class Partner
{
    /// <summary>Keys and customers from before partners existed belong to this one.</summary>
    public static readonly Guid DefaultId = new("01930000-0000-7000-8000-000000000001");
    public const string DefaultName = "Default partner";

    public Guid Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Lower-cased name, unique.</summary>
    public required string NameKey { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedByName { get; init; }
}

public sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.ToTable("partners");
        partner.HasKey(p => p.Id);
        partner.Property(p => p.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        partner.Property(p => p.NameKey).HasMaxLength(FieldLimits.Name).IsRequired();
        partner.Property(p => p.CreatedByName).HasMaxLength(256).IsRequired();
        partner.HasIndex(p => p.NameKey).IsUnique();
        partner.HasData(new Partner
        {
            Id = Partner.DefaultId,
            Name = Partner.DefaultName,
            NameKey = Partner.DefaultName.ToLowerInvariant(),
            CreatedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
            CreatedByName = "Migration",
        });
    }
}
