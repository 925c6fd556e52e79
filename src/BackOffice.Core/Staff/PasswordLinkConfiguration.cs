using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Staff;

public sealed class PasswordLinkConfiguration : IEntityTypeConfiguration<PasswordLink>
{
    public void Configure(EntityTypeBuilder<PasswordLink> link)
    {
        link.ToTable("password_links");
        link.HasKey(l => l.Id);
        link.Property(l => l.Id).ValueGeneratedNever();
        link.Property(l => l.UserId).HasMaxLength(450).IsRequired();
        link.Property(l => l.Purpose).HasMaxLength(20).IsRequired();
        link.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        link.Property(l => l.CreatedByName).HasMaxLength(256).IsRequired();
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.UserId);
    }
}
