using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Staff;

public sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public const string Table = "security_log";

    public void Configure(EntityTypeBuilder<SecurityEvent> entry)
    {
        entry.ToTable(Table);
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Kind).HasMaxLength(40).IsRequired();
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.ActorName).HasMaxLength(256);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.UserEmail).HasMaxLength(256);
        entry.Property(e => e.ClientIp).HasMaxLength(64);
        entry.Property(e => e.Details).HasMaxLength(500).IsRequired();
        // Newest first is the id order; filters narrow by time and kind.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Kind, e.Id });
        entry.HasIndex(e => new { e.UserId, e.Id });
    }
}
