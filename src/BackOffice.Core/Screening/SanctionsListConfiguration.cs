using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Screening;

public sealed class SanctionsListConfiguration : IEntityTypeConfiguration<SanctionsList>
{
    public void Configure(EntityTypeBuilder<SanctionsList> list)
    {
        list.ToTable("sanctions_lists");
        list.HasKey(l => l.Name);
        list.Property(l => l.Name).HasMaxLength(100);
        list.Property(l => l.Format).HasConversion<string>().HasMaxLength(40);
        list.Property(l => l.Version).HasMaxLength(40);
        list.Property(l => l.HeldVersion).HasMaxLength(40);
        list.Property(l => l.LastError).HasMaxLength(2000);
        list.Property(l => l.Warnings).HasMaxLength(2000);
    }
}
